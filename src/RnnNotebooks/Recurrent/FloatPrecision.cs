namespace RnnNotebooks.Recurrent;

/// <summary>
/// What the fast path stores and computes in (<see cref="CharLanguageModel.Precision"/>). The parameters, the
/// optimiser, gradient clipping, saved models and the reference path are float64 either way.
/// </summary>
public enum FloatPrecision
{
    /// <summary>IEEE double precision (53-bit significand, about 16 digits): the default, equal to the reference
    /// path to about 1e-12.</summary>
    Float64,

    /// <summary>IEEE single precision (24-bit significand, about 7 digits), PyTorch's default: twice the numbers per
    /// vector instruction and half the memory traffic. Each window's weights are rounded from the float64
    /// parameters, its gradients are rounded back into theirs, and the output layer and the loss stay float64.</summary>
    Float32,
}
