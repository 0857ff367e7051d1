using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// What one time step of a forward pass keeps for the backward pass: at least the new state, plus
/// the gate activations of gated cells (<see cref="LstmStep"/>, <see cref="GruStep"/>) — the values
/// the gate-activation plots show.
/// </summary>
/// <param name="State">The state after this step (h_t, and c_t for the LSTM).</param>
public abstract record CellStep(RecurrentState State);

/// <summary>
/// The record of a forward pass of one <see cref="RecurrentCell"/> over a sequence: the inputs, the
/// initial state and every step's cache. <see cref="RecurrentCell.Backward"/> walks it backwards in time.
/// </summary>
public sealed class SequenceTrace : LayerTrace
{
    internal SequenceTrace(RecurrentCell cell, SequenceInput inputs, RecurrentState initial, IReadOnlyList<CellStep> steps)
        : base(cell, inputs)
    {
        Cell = cell;
        Initial = initial;
        Steps = steps;
    }

    /// <summary>The cell that ran the forward pass.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>The state the pass started from (h_0, c_0).</summary>
    public RecurrentState Initial { get; }

    /// <summary>One cache per time step, in order.</summary>
    public IReadOnlyList<CellStep> Steps { get; }

    /// <summary>The state after the last step: what truncated BPTT carries into the next window.</summary>
    public RecurrentState Final => Steps[^1].State;

    /// <inheritdoc />
    public override LayerState FinalState => Final;

    /// <summary>The hidden states h_1 … h_T (each H×B): the layer's outputs.</summary>
    public override IReadOnlyList<Matrix<double>> Outputs => _outputs ??= Steps.Select(s => s.State.Hidden).ToArray();

    IReadOnlyList<Matrix<double>>? _outputs;

    /// <summary>The state a step started from: h_{t−1} (the initial state for t = 0).</summary>
    public RecurrentState StateBefore(int t) => t == 0 ? Initial : Steps[t - 1].State;
}

/// <summary>What a backward pass through time returns besides the parameter gradients (which it
/// accumulates into each <see cref="Training.Parameter.Gradient"/>).</summary>
/// <param name="InitialState">dL/dh_0 (and dL/dc_0): how the loss depends on the carried-in state.</param>
/// <param name="HiddenGradientNorms">‖dL/dh_t‖ for t = 1 … T (Frobenius norm over the batch): the
/// curve that shows gradients vanishing or exploding through time.</param>
/// <param name="Inputs">dL/dx_t for dense inputs (what the layer below receives); null for one-hot ids.</param>
public sealed record SequenceGradients(RecurrentState InitialState, double[] HiddenGradientNorms, IReadOnlyList<Matrix<double>>? Inputs)
    : LayerGradients(Inputs, InitialState);
