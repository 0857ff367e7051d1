using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Layers;

/// <summary>
/// A layer over a sequence: it reads x_1 … x_T (each D×B, one column per sequence of the batch) and writes
/// y_1 … y_T (each O×B). Every layer of the library has this one shape: the recurrent cells
/// (<c>RnnCell</c>, <c>LstmCell</c>, <c>GruCell</c>), a stack of them, <see cref="Reversed"/> and
/// <see cref="Bidirectional"/> wrappers, and the per-step <see cref="Readout"/>. A model is a composition of
/// layers plus a loss such as <see cref="SoftmaxCrossEntropy"/>.
/// <para>
/// The contract, in the micrograd spirit: <see cref="Forward"/> returns a <see cref="LayerTrace"/> holding
/// everything the backward pass needs; <see cref="Backward"/> takes that trace and dL/dy_t, <em>adds</em>
/// into every parameter's gradient (zero them first) and returns dL/dx_t and dL/d(initial state).
/// A layer that carries state from step to step (a recurrent cell) starts from <see cref="ZeroState"/>
/// unless given a state; a layer without state ignores it.
/// </para>
/// </summary>
public abstract class SequenceLayer : IModel
{
    /// <summary>D, the size of each input x_t.</summary>
    public abstract int InputSize { get; }

    /// <summary>O, the size of each output y_t.</summary>
    public abstract int OutputSize { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The state this layer starts from when given none, for <paramref name="batchSize"/> sequences; null for a layer without state.</summary>
    public virtual LayerState? ZeroState(int batchSize) => null;

    /// <summary>Runs the layer over x_1 … x_T from <paramref name="initial"/> (the layer's zero state when null).</summary>
    public abstract LayerTrace Forward(SequenceInput inputs, LayerState? initial = null);

    /// <summary>
    /// The backward pass over a trace of this layer. <paramref name="outputGradients"/>[t] is dL/dy_t (null: nothing
    /// reads y_t); <paramref name="finalStateGradient"/> is the gradient arriving at the state after the last step (null:
    /// none, as at the end of a truncated window). Adds into every parameter's gradient and returns dL/dx_t (null for
    /// one-hot inputs) and dL/d(initial state).
    /// </summary>
    public abstract LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null);

    /// <summary>The trace as this layer's own kind, refusing one recorded by another layer.</summary>
    protected TTrace OwnTrace<TTrace>(LayerTrace trace) where TTrace : LayerTrace
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (!ReferenceEquals(trace.Layer, this) || trace is not TTrace own)
            throw new ArgumentException($"This trace was recorded by a different layer ({trace.Layer}): pass the trace this layer's Forward returned.", nameof(trace));
        return own;
    }

    /// <summary>Refuses output gradients that do not fit the trace: one dL/dy_t (or null) per step, each O×B.
    /// <paramref name="symbol"/> names the output in the message (h for a recurrent cell's hidden state).</summary>
    protected void CheckOutputGradients(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, string symbol = "y")
    {
        ArgumentNullException.ThrowIfNull(outputGradients);
        int T = trace.Length, B = trace.Inputs.BatchSize;
        if (outputGradients.Count != T)
            throw new ArgumentException($"There are {outputGradients.Count} output gradients but the trace has {T} time steps: give one dL/d{symbol}_t (or null) per step.", nameof(outputGradients));
        string rows = symbol == "h" ? "H" : "O";
        for (int t = 0; t < T; t++)
            if (outputGradients[t] is { } g && (g.RowCount != OutputSize || g.ColumnCount != B))
                throw new ArgumentException($"dL/d{symbol}_{t} is {g.RowCount}×{g.ColumnCount} but {symbol}_t is {OutputSize}×{B} ({rows}×B).", nameof(outputGradients));
    }
}
