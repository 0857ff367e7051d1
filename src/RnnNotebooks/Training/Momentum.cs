using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Training;

/// <summary>
/// Gradient descent with momentum: a velocity v remembers past gradients so steps keep going
/// through flat regions and shallow noise averages out.
/// Classical (Polyak): v ← μ·v + g, θ ← θ − η·v.
/// Nesterov: the same velocity, but the step looks ahead along it, θ ← θ − η·(g + μ·v).
/// (This is the form PyTorch uses; with a fixed η it equals Sutskever et al.'s v ← μv − ηg, θ ← θ + v.)
/// </summary>
public sealed class Momentum : Optimizer
{
    /// <summary>Creates momentum SGD with learning rate η and momentum μ (0 ≤ μ &lt; 1, typically 0.9).</summary>
    /// <param name="learningRate">The step size η.</param>
    /// <param name="momentum">How much velocity survives each step, μ.</param>
    /// <param name="nesterov">Use Nesterov's look-ahead step.</param>
    public Momentum(double learningRate, double momentum = 0.9, bool nesterov = false) : base(learningRate)
    {
        Coefficient = CheckDecay(momentum, nameof(momentum), 0.9);
        Nesterov = nesterov;
    }

    /// <summary>The momentum μ: the fraction of velocity kept from one step to the next.</summary>
    public double Coefficient { get; }

    /// <summary>Whether the step uses Nesterov's look-ahead.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    protected override int StateTensorCount => 1;

    /// <inheritdoc />
    protected override void Update(Parameter parameter) =>
        UpdateRule.Apply(new Rule(LearningRate, Coefficient, Nesterov),
            parameter.ValueEntries(), parameter.GradientEntries(), State(parameter, 0), []);

    readonly struct Rule(double learningRate, double mu, bool nesterov) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Step(Vector<double> g, ref Vector<double> velocity, ref Vector<double> unused)
        {
            velocity = mu * velocity + g;
            return learningRate * (nesterov ? g + mu * velocity : velocity);
        }
    }
}
