using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Recurrent;

/// <summary>A plain (Elman) RNN cell, see <see cref="RnnCell"/>.</summary>
/// <param name="Activation">φ in h_t = φ(W_xh·x_t + W_hh·h_{t−1} + b_h).</param>
public sealed record RnnSpec(RnnActivation Activation = RnnActivation.Tanh) : CellSpec
{
    /// <inheritdoc />
    public override RnnCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null, Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        new(inputSize, hiddenSize, Activation, seed, inputInitializer, recurrentInitializer, name);
}
