using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;

namespace RnnNotebooks.Attention;

/// <summary>
/// What an <see cref="AttentionLayer"/> starts from: the states it attends over, h_1 … h_n (each H_k×B, the
/// encoder's outputs), in the slot where a recurrent layer takes its initial state. Its backward pass returns
/// the same type holding dL/dh_1 … dL/dh_n, which the encoder's backward pass reads as dL/dy_t.
/// </summary>
/// <param name="States">h_1 … h_n, or their gradients.</param>
public sealed record AttendedStates(IReadOnlyList<Matrix<double>> States) : LayerState;
