using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnNotebooks.Training;

/// <summary>Plain stochastic gradient descent: θ ← θ − η·∂L/∂θ.</summary>
public sealed class Sgd(double learningRate) : Optimizer(learningRate)
{
    /// <inheritdoc />
    protected override void Update(Parameter parameter) =>
        UpdateRule.Apply(new Rule(LearningRate), parameter.ValueEntries(), parameter.GradientEntries(), [], []);

    readonly struct Rule(double learningRate) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Step(Vector<double> g, ref Vector<double> unused1, ref Vector<double> unused2) => learningRate * g;
    }
}
