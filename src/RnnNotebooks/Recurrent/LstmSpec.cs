using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Recurrent;

/// <summary>A long short-term memory cell, see <see cref="LstmCell"/>.</summary>
/// <param name="ForgetBias">The initial forget-gate bias b_f: 1 starts every cell remembering (Jozefowicz et al., 2015).</param>
public sealed record LstmSpec(double ForgetBias = 1.0) : CellSpec
{
    /// <inheritdoc />
    public override LstmCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null, Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        new(inputSize, hiddenSize, ForgetBias, seed, inputInitializer, recurrentInitializer, name);
}
