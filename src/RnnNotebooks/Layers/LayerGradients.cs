using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Layers;

/// <summary>What a <see cref="SequenceLayer.Backward"/> pass returns besides the parameter gradients (which it
/// adds into each <see cref="Training.Parameter.Gradient"/>).</summary>
/// <param name="Inputs">dL/dx_t, each D×B, for the layer below; null for one-hot inputs (there is no layer below).</param>
/// <param name="InitialStateGradient">dL/d(initial state); null for a layer without state.</param>
public record LayerGradients(IReadOnlyList<Matrix<double>>? Inputs, LayerState? InitialStateGradient);
