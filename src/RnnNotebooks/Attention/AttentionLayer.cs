using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// A decoder's attention as a <see cref="SequenceLayer"/> (Luong, Pham &amp; Manning 2015): it reads the
/// decoder's states s_1 … s_T and writes, at every step, what the decoder knows combined with what it sees:
/// <code>
/// c_t = AdditiveAttention(s_t; h_1 … h_n)      the context: a weighted average of the encoder's states
/// s̃_t = tanh(W_c·[s_t; c_t] + b_c)             the attentional state, H_c×B
/// </code>
/// The encoder's states arrive as the layer's initial state (<see cref="AttendedStates"/>), and
/// <see cref="Backward"/> returns dL/ds_t as the input gradients and dL/dh_i as the initial-state gradient:
/// both the direct share through c_t and the share through the scores.
/// </summary>
public sealed class AttentionLayer : SequenceLayer
{
    /// <summary>Attention from queries of size <paramref name="querySize"/> over states of size <paramref name="keySize"/>,
    /// writing s̃_t of size <paramref name="outputSize"/>.</summary>
    /// <param name="querySize">H_q, the decoder's hidden size.</param>
    /// <param name="keySize">H_k, the encoder's hidden size.</param>
    /// <param name="attentionSize">A, the hidden units of the additive score.</param>
    /// <param name="outputSize">H_c, the size of s̃_t.</param>
    /// <param name="seed">Seed of every initial weight.</param>
    public AttentionLayer(int querySize, int keySize, int attentionSize, int outputSize, int seed = 0)
    {
        Attention = new AdditiveAttention(querySize, keySize, attentionSize, seed);
        Combine = new Readout(querySize + keySize, outputSize, new Random(seed + 1), "combine.");
        Parameters = [.. Attention.Parameters, .. Combine.Parameters];
    }

    /// <summary>The additive attention that scores the states.</summary>
    public AdditiveAttention Attention { get; }

    /// <summary>W_c·[s_t; c_t] + b_c, before the tanh.</summary>
    public Readout Combine { get; }

    /// <summary>H_q: the layer reads the decoder's states.</summary>
    public override int InputSize => Attention.QuerySize;

    /// <summary>H_c.</summary>
    public override int OutputSize => Combine.OutputSize;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>s̃_1 … s̃_T from the queries s_1 … s_T (dense) and the states to attend over, given as <paramref name="initial"/>.</summary>
    public override AttentionTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.IsOneHot || inputs.Size != InputSize)
            throw new ArgumentException($"The queries must be dense vectors of size H_q = {InputSize} (the decoder's states); got {(inputs.IsOneHot ? "one-hot ids" : $"size {inputs.Size}")}.", nameof(inputs));
        if (initial is not AttendedStates { States: var keys })
            throw new ArgumentException($"Attention needs the states it attends over: pass new AttendedStates(encoderTrace.Outputs) as the initial state; got {(initial is null ? "none" : $"a {initial.GetType().Name}")}.", nameof(initial));
        if (keys.Count > 0 && keys[0]?.ColumnCount != inputs.BatchSize)
            throw new ArgumentException($"The attended states hold {keys[0]?.ColumnCount ?? 0} sequences but the queries hold {inputs.BatchSize}: both come from the same batch.", nameof(initial));
        var memory = Attention.Remember(keys);
        var steps = Enumerable.Range(0, inputs.Length).Select(t => Attention.Attend(memory, inputs[t])).ToArray();
        var combined = Combine.Forward(SequenceInput.Dense([.. steps.Select((s, t) => inputs[t].Stack(s.Context))]));
        var outputs = combined.Outputs.Select(z => z.PointwiseTanh()).ToArray();
        return new AttentionTrace(this, inputs, memory, steps, combined, outputs);
    }

    /// <summary>Given dL/ds̃_t: adds every parameter's gradient and returns dL/ds_t and, as the initial-state
    /// gradient, dL/dh_i (<see cref="AttendedStates"/>). <paramref name="finalStateGradient"/> must be null: the layer
    /// carries nothing past its last step.</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<AttentionTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        if (finalStateGradient is not null)
            throw new ArgumentException("An attention layer has no state after its last step: pass null as the final-state gradient.", nameof(finalStateGradient));
        int T = own.Length, B = own.Inputs.BatchSize, h = InputSize;
        // s̃ = tanh(z): dL/dz = dL/ds̃ ⊙ (1 − s̃²).
        var dCombined = Enumerable.Range(0, T).Select(t => outputGradients[t] is { } g
            ? (Matrix<double>?)g.PointwiseMultiply(1 - own.Outputs[t].PointwisePower(2)) : null).ToArray();
        var dStacked = Combine.Backward(own.Combined, dCombined).Inputs!;                 // [dL/ds_t; dL/dc_t]
        var dQueries = new Matrix<double>[T];
        for (int t = 0; t < T; t++)
            dQueries[t] = dStacked[t].SubMatrix(0, h, 0, B) + Attention.Backward(own.Steps[t], dStacked[t].SubMatrix(h, Attention.KeySize, 0, B));
        return new LayerGradients(dQueries, new AttendedStates(Attention.Backward(own.Memory)));
    }

    public override string ToString() => $"Attention {InputSize} over {Attention.KeySize} → {OutputSize}";
}

/// <summary>The forward record of an <see cref="AttentionLayer"/>: the memory of projected states, every step's
/// attention (its weights are what a heatmap shows) and the combination before the tanh.</summary>
public sealed class AttentionTrace : LayerTrace
{
    internal AttentionTrace(AttentionLayer layer, SequenceInput inputs, AttentionMemory memory, IReadOnlyList<AdditiveAttentionStep> steps,
        ReadoutTrace combined, IReadOnlyList<Matrix<double>> outputs) : base(layer, inputs)
    {
        Memory = memory;
        Steps = steps;
        Combined = combined;
        Outputs = outputs;
    }

    /// <summary>The states attended over, projected once.</summary>
    public AttentionMemory Memory { get; }

    /// <summary>Step t's scores, weights α_t· (n×B) and context c_t.</summary>
    public IReadOnlyList<AdditiveAttentionStep> Steps { get; }

    /// <summary>W_c·[s_t; c_t] + b_c.</summary>
    public ReadoutTrace Combined { get; }

    /// <summary>s̃_1 … s̃_T.</summary>
    public override IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>None: the layer carries nothing to a next window.</summary>
    public override LayerState? FinalState => null;
}
