using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>One query of an <see cref="AdditiveAttention"/>: what its backward pass needs, and the weights a heatmap shows.</summary>
/// <param name="Memory">The keys attended over.</param>
/// <param name="Query">s, H_q×B.</param>
/// <param name="Hidden">u_i = tanh(W_q·s + W_k·h_i) for each key i, A×B.</param>
/// <param name="Scores">e, n×B.</param>
/// <param name="Weights">α = softmax(e), n×B: column b sums to 1.</param>
/// <param name="Context">c = Σ_i α_i h_i, H_k×B.</param>
public sealed record AdditiveAttentionStep(AttentionMemory Memory, Matrix<double> Query, IReadOnlyList<Matrix<double>> Hidden,
    Matrix<double> Scores, Matrix<double> Weights, Matrix<double> Context);
