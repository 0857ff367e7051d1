using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Recurrent;

/// <summary>A gated recurrent unit, see <see cref="GruCell"/> (it has no options of its own).</summary>
public sealed record GruSpec : CellSpec
{
    /// <inheritdoc />
    public override GruCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null, Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        new(inputSize, hiddenSize, seed, inputInitializer, recurrentInitializer, name);
}
