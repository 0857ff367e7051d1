using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Training;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015): momentum and RMSprop together, with bias correction because both
/// running averages start at zero. At step t:
/// m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ),
/// θ ← θ − η·m̂ / (√v̂ + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates Adam; the defaults are the paper's (η = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8).</summary>
    /// <param name="learningRate">The step size η.</param>
    /// <param name="beta1">β₁ in [0, 1): decay of the gradient's running mean m.</param>
    /// <param name="beta2">β₂ in [0, 1): decay of the squared gradient's running mean v.</param>
    /// <param name="epsilon">ε, added to √v̂ so the division is safe.</param>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : base(learningRate)
    {
        Beta1 = CheckDecay(beta1, nameof(beta1), 0.9);
        Beta2 = CheckDecay(beta2, nameof(beta2), 0.999);
        Epsilon = CheckRate(epsilon, nameof(epsilon));
    }

    /// <summary>β₁, decay of the first moment (mean of g).</summary>
    public double Beta1 { get; }

    /// <summary>β₂, decay of the second moment (mean of g²).</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateTensorCount => 2;

    /// <inheritdoc />
    protected override void Update(Parameter parameter)
    {
        // Bias correction: after t steps from zero, m and v are (1 − βᵗ) times too small on average.
        double correction1 = 1 / (1 - Math.Pow(Beta1, StepCount));
        double correction2 = 1 / (1 - Math.Pow(Beta2, StepCount));
        UpdateRule.Apply(new Rule(LearningRate, Beta1, Beta2, Epsilon, correction1, correction2),
            parameter.ValueEntries(), parameter.GradientEntries(), State(parameter, 0), State(parameter, 1));
    }

    readonly struct Rule(double learningRate, double beta1, double beta2, double epsilon, double correction1, double correction2) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Step(Vector<double> g, ref Vector<double> m, ref Vector<double> v)
        {
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * (g * g);
            var mHat = m * correction1;
            var vHat = v * correction2;
            return learningRate * mHat / (Vector.SquareRoot(vHat) + new Vector<double>(epsilon));
        }
    }
}
