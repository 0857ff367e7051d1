using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>What <see cref="ScaledDotProductAttention.Forward"/> keeps for its backward pass.</summary>
/// <param name="Queries">Q, d×m.</param>
/// <param name="Keys">K, d×n.</param>
/// <param name="Values">V, d_v×n.</param>
/// <param name="Scale">1/√d, or 1 unscaled.</param>
/// <param name="Weights">A = softmax(scale·KᵀQ), n×m: column j is query j's weights over the keys.</param>
/// <param name="Output">O = V·A, d_v×m.</param>
public sealed record DotProductAttentionTrace(Matrix<double> Queries, Matrix<double> Keys, Matrix<double> Values,
    double Scale, Matrix<double> Weights, Matrix<double> Output);
