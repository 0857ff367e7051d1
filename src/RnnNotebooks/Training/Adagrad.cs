using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Training;

/// <summary>
/// Adagrad (Duchi et al., 2011): each entry's step shrinks with the sum of its squared gradients
/// so far, G ← G + g², θ ← θ − η·g / (√G + ε). Rarely-updated weights (e.g. of rare characters)
/// keep large steps; the optimiser of Karpathy's min-char-rnn.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates Adagrad with learning rate η (typically 0.1) and ε guarding the division.</summary>
    public Adagrad(double learningRate, double epsilon = 1e-8) : base(learningRate)
    {
        Epsilon = CheckRate(epsilon, nameof(epsilon));
    }

    /// <summary>ε, added to √G so the first steps do not divide by zero.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateTensorCount => 1;

    /// <inheritdoc />
    protected override void Update(Parameter parameter) =>
        UpdateRule.Apply(new Rule(LearningRate, Epsilon),
            parameter.ValueEntries(), parameter.GradientEntries(), State(parameter, 0), []);

    readonly struct Rule(double learningRate, double epsilon) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Step(Vector<double> g, ref Vector<double> sumOfSquares, ref Vector<double> unused)
        {
            sumOfSquares += g * g;
            return learningRate * g / (Vector.SquareRoot(sumOfSquares) + new Vector<double>(epsilon));
        }
    }
}
