using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Layers;

/// <summary>
/// The record of one <see cref="SequenceLayer.Forward"/> pass: its inputs, its outputs and whatever the layer's
/// backward pass needs (each layer's trace adds its own caches). <see cref="SequenceLayer.Backward"/> reads it.
/// </summary>
public abstract class LayerTrace
{
    /// <summary>Remembers the layer and the inputs it read.</summary>
    protected LayerTrace(SequenceLayer layer, SequenceInput inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    /// <summary>The layer that ran the forward pass.</summary>
    public SequenceLayer Layer { get; }

    /// <summary>x_1 … x_T.</summary>
    public SequenceInput Inputs { get; }

    /// <summary>T, the number of time steps.</summary>
    public int Length => Inputs.Length;

    /// <summary>y_1 … y_T, each O×B.</summary>
    public abstract IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>The state after the last step (what truncated BPTT carries on); null for a layer without state.</summary>
    public abstract LayerState? FinalState { get; }
}
