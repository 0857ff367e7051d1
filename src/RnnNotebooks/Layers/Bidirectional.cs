using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Layers;

/// <summary>
/// A bidirectional layer (Schuster &amp; Paliwal, 1997): one layer reads x_1 … x_T forwards, another reads
/// x_T … x_1 backwards, and the output stacks the two, y_t = [→h_t ; ←h_t], so every y_t sees the whole
/// sequence: the past through →h_t and the future through ←h_t. Backward splits dL/dy_t into its two halves,
/// sends each through its direction and adds the two dL/dx_t. Example:
/// <c>new Bidirectional(new LstmCell(8, 16, seed: 1, name: "forward."), new LstmCell(8, 16, seed: 2, name: "backward."))</c>.
/// It reads the whole sequence before it writes y_1, so it suits tagging or encoding a sequence, not generating one.
/// </summary>
public sealed class Bidirectional : SequenceLayer
{
    /// <summary>Pairs <paramref name="forward"/> (reading x_1 … x_T) with <paramref name="backward"/> (run on x_T … x_1);
    /// both read inputs of the same size, and their parameter names must differ (e.g. "forward." and "backward.").</summary>
    public Bidirectional(SequenceLayer forward, SequenceLayer backward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        if (forward.InputSize != backward.InputSize)
            throw new ArgumentException($"The forward layer reads inputs of size {forward.InputSize} but the backward one reads {backward.InputSize}: both directions read the same x_t.", nameof(backward));
        var names = forward.Parameters.Select(p => p.Name).Intersect(backward.Parameters.Select(p => p.Name)).ToList();
        if (names.Count > 0)
            throw new ArgumentException($"Both directions have a parameter named '{names[0]}': name the layers apart (e.g. name: \"forward.\" and name: \"backward.\") so that saved files and gradient checks can tell them apart.", nameof(backward));
        ForwardLayer = forward;
        BackwardLayer = new Reversed(backward);
        Parameters = [.. forward.Parameters, .. backward.Parameters];
    }

    /// <summary>The layer reading x_1 … x_T.</summary>
    public SequenceLayer ForwardLayer { get; }

    /// <summary>The layer reading x_T … x_1.</summary>
    public Reversed BackwardLayer { get; }

    /// <inheritdoc />
    public override int InputSize => ForwardLayer.InputSize;

    /// <summary>The two directions' output sizes added: y_t = [→h_t ; ←h_t].</summary>
    public override int OutputSize => ForwardLayer.OutputSize + BackwardLayer.OutputSize;

    /// <summary>The forward layer's parameters, then the backward layer's.</summary>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Both directions' zero states: forward, then backward.</summary>
    public override LayerStates ZeroState(int batchSize) => new([ForwardLayer.ZeroState(batchSize), BackwardLayer.ZeroState(batchSize)]);

    /// <summary>Both directions over the sequence; <paramref name="initial"/> holds the forward state before x_1 and the backward state before x_T.</summary>
    public override BidirectionalTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var start = LayerStates.Split(initial, 2, "bidirectional layer", nameof(initial));
        var forward = ForwardLayer.Forward(inputs, start[0]);
        var backward = BackwardLayer.Forward(inputs, start[1]);
        var outputs = new Matrix<double>[inputs.Length];
        for (int t = 0; t < outputs.Length; t++)
            outputs[t] = forward.Outputs[t].Stack(backward.Outputs[t]);   // [→h_t ; ←h_t]
        return new BidirectionalTrace(this, inputs, forward, backward, outputs);
    }

    /// <summary>dL/dy_t split into its forward rows and backward rows, each direction's backward pass, and the two dL/dx_t added.</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<BidirectionalTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        var final = LayerStates.Split(finalStateGradient, 2, "bidirectional layer", nameof(finalStateGradient));
        int top = ForwardLayer.OutputSize, bottom = BackwardLayer.OutputSize, B = own.Inputs.BatchSize;
        var dForward = outputGradients.Select(g => g?.SubMatrix(0, top, 0, B)).ToArray();
        var dBackward = outputGradients.Select(g => g?.SubMatrix(top, bottom, 0, B)).ToArray();
        var forward = ForwardLayer.Backward(own.ForwardTrace, dForward, final[0]);
        var backward = BackwardLayer.Backward(own.BackwardTrace, dBackward, final[1]);
        var inputs = forward.Inputs is { } f && backward.Inputs is { } b ? f.Zip(b, (x, y) => x + y).ToArray() : null;
        return new LayerGradients(inputs, new LayerStates([forward.InitialStateGradient, backward.InitialStateGradient]));
    }

    public override string ToString() => $"Bidirectional({ForwardLayer}, {BackwardLayer.Inner})";
}

/// <summary>The forward record of a <see cref="Bidirectional"/> layer: each direction's trace and the stacked outputs.</summary>
public sealed class BidirectionalTrace : LayerTrace
{
    internal BidirectionalTrace(Bidirectional layer, SequenceInput inputs, LayerTrace forward, ReversedTrace backward, IReadOnlyList<Matrix<double>> outputs)
        : base(layer, inputs)
    {
        ForwardTrace = forward;
        BackwardTrace = backward;
        Outputs = outputs;
    }

    /// <summary>The forward direction's trace.</summary>
    public LayerTrace ForwardTrace { get; }

    /// <summary>The backward direction's trace.</summary>
    public ReversedTrace BackwardTrace { get; }

    /// <summary>y_t = [→h_t ; ←h_t].</summary>
    public override IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>The forward state after x_T and the backward state after x_1.</summary>
    public override LayerStates FinalState => new([ForwardTrace.FinalState, BackwardTrace.FinalState]);
}
