using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Training;

/// <summary>
/// RMSprop (Hinton, 2012): like <see cref="Adagrad"/> but the squared gradients are a running
/// average that forgets, s ← ρ·s + (1 − ρ)·g², θ ← θ − η·g / (√s + ε), so steps do not shrink
/// for ever.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates RMSprop with learning rate η (typically 1e-3), decay ρ and ε.</summary>
    /// <param name="learningRate">The step size η.</param>
    /// <param name="decay">ρ in [0, 1): how much of the running average survives each step (Hinton's 0.9).</param>
    /// <param name="epsilon">ε, added to √s so the division is safe.</param>
    public RmsProp(double learningRate, double decay = 0.9, double epsilon = 1e-8) : base(learningRate)
    {
        Decay = CheckDecay(decay, nameof(decay), 0.9);
        Epsilon = CheckRate(epsilon, nameof(epsilon));
    }

    /// <summary>ρ, the running average's decay.</summary>
    public double Decay { get; }

    /// <summary>ε, added to √s.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateTensorCount => 1;

    /// <inheritdoc />
    protected override void Update(Parameter parameter) =>
        UpdateRule.Apply(new Rule(LearningRate, Decay, Epsilon),
            parameter.ValueEntries(), parameter.GradientEntries(), State(parameter, 0), []);

    readonly struct Rule(double learningRate, double rho, double epsilon) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Step(Vector<double> g, ref Vector<double> meanSquare, ref Vector<double> unused)
        {
            meanSquare = rho * meanSquare + (1 - rho) * (g * g);
            return learningRate * g / (Vector.SquareRoot(meanSquare) + new Vector<double>(epsilon));
        }
    }
}
