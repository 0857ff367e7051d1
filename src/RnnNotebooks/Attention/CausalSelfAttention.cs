using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// One head of causal self-attention with its residual connection, the core of a Transformer decoder, as a
/// <see cref="SequenceLayer"/>: every position t of a sequence (x_t, d×B) makes a query, a key and a value, and
/// attends to itself and the positions before it. For one sequence, X = [x_1 … x_T] (d×T):
/// <code>
/// Q = W_q·X + b_q,  K = W_k·X,  V = W_v·X + b_v
/// Y = X + W_o·(V·softmax(KᵀQ/√d, causal)) + b_o
/// </code>
/// All T positions are computed at once (matrix products), where a recurrent layer must go step by step: the
/// layer lays the batch out as one d×(B·T) matrix, sequence after sequence, for its products.
/// </summary>
public sealed class CausalSelfAttention : SequenceLayer
{
    /// <summary>Creates the layer for positions of size <paramref name="modelSize"/> (d).</summary>
    /// <param name="modelSize">d: the size of each position's vector, and of its query, key and value.</param>
    /// <param name="random">Seeded source of the initial weights (uniform in ±1/√d).</param>
    /// <param name="name">Prefix of the parameter names.</param>
    public CausalSelfAttention(int modelSize, Random random, string name = "attention.")
    {
        ArgumentNullException.ThrowIfNull(random);
        if (modelSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(modelSize), modelSize, "The model size d must be positive (e.g. 32).");
        Query = new Readout(modelSize, modelSize, random, name + "query.");
        Key = new Readout(modelSize, modelSize, random, name + "key.");
        Value = new Readout(modelSize, modelSize, random, name + "value.");
        Output = new Readout(modelSize, modelSize, random, name + "output.");
        // No key bias: it would add qᵀb_k to every score of query q alike, which the softmax cancels, so its
        // gradient is always 0. The key's b stays at zero, outside the trained parameters.
        Parameters = [.. Query.Parameters, Key.Weights, .. Value.Parameters, .. Output.Parameters];
    }

    /// <summary>W_q, b_q.</summary>
    public Readout Query { get; }

    /// <summary>W_k (its bias stays 0).</summary>
    public Readout Key { get; }

    /// <summary>W_v, b_v.</summary>
    public Readout Value { get; }

    /// <summary>W_o, b_o.</summary>
    public Readout Output { get; }

    /// <summary>d.</summary>
    public int ModelSize => Query.InputSize;

    /// <inheritdoc />
    public override int InputSize => ModelSize;

    /// <inheritdoc />
    public override int OutputSize => ModelSize;

    /// <summary>W_q, b_q, W_k, W_v, b_v, W_o, b_o.</summary>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>y_t = x_t + attention(x_1 … x_t) for every position t (the layer has no state).</summary>
    public override SelfAttentionTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.IsOneHot || inputs.Size != ModelSize)
            throw new ArgumentException($"Each position must be a dense vector of size d = {ModelSize}; got {(inputs.IsOneHot ? "one-hot ids" : $"size {inputs.Size}")}. Embed the tokens first.", nameof(inputs));
        int T = inputs.Length, B = inputs.BatchSize;
        var x = SequenceMajor(Enumerable.Range(0, T).Select(t => inputs[t]).ToArray());
        var q = Query.Forward(SequenceInput.Dense([x]));
        var k = Key.Forward(SequenceInput.Dense([x]));
        var v = Value.Forward(SequenceInput.Dense([x]));
        var mask = CausalMask.Of(T);
        var heads = new DotProductAttentionTrace[B];
        var attended = Matrix<double>.Build.Dense(ModelSize, B * T);
        for (int b = 0; b < B; b++)
        {
            heads[b] = ScaledDotProductAttention.Forward(Columns(q.Outputs[0], b, T), Columns(k.Outputs[0], b, T), Columns(v.Outputs[0], b, T), mask);
            attended.SetSubMatrix(0, b * T, heads[b].Output);
        }
        var o = Output.Forward(SequenceInput.Dense([attended]));
        return new SelfAttentionTrace(this, inputs, q, k, v, heads, o, StepMajor(x + o.Outputs[0], T));
    }

    /// <summary>Given dL/dy_t: adds every parameter's gradient and returns dL/dx_t (the residual path included).</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<SelfAttentionTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        int T = own.Length, B = own.Inputs.BatchSize;
        var dY = SequenceMajor([.. outputGradients.Select(g => g ?? Matrix<double>.Build.Dense(ModelSize, B))]);
        var dAttended = Output.Backward(own.Output, [dY]).Inputs![0];
        var dq = Matrix<double>.Build.Dense(ModelSize, B * T);
        var dk = dq.Clone();
        var dv = dq.Clone();
        for (int b = 0; b < B; b++)
        {
            var (dQuery, dKey, dValue) = ScaledDotProductAttention.Backward(own.Heads[b], Columns(dAttended, b, T));
            dq.SetSubMatrix(0, b * T, dQuery);
            dk.SetSubMatrix(0, b * T, dKey);
            dv.SetSubMatrix(0, b * T, dValue);
        }
        var dX = dY + Query.Backward(own.Queries, [dq]).Inputs![0] + Key.Backward(own.Keys, [dk]).Inputs![0] + Value.Backward(own.Values, [dv]).Inputs![0];
        Key.Bias.Gradient.Clear();                          // b_k is not trained: keep its (zero) gradient out of sight
        return new LayerGradients(StepMajor(dX, T), null);
    }

    public override string ToString() => $"Causal self-attention, d = {ModelSize}";

    /// <summary>[x_1 … x_T] (each d×B) as one d×(B·T) matrix: column b·T + t is x_t's column b.</summary>
    static Matrix<double> SequenceMajor(IReadOnlyList<Matrix<double>> steps)
    {
        int T = steps.Count, B = steps[0].ColumnCount, d = steps[0].RowCount;
        var result = Matrix<double>.Build.Dense(d, B * T);
        var target = result.AsColumnMajorArray();
        for (int t = 0; t < T; t++)
        {
            var source = steps[t].AsColumnMajorArray() ?? steps[t].ToColumnMajorArray();
            for (int b = 0; b < B; b++) Array.Copy(source, b * d, target, (b * T + t) * d, d);
        }
        return result;
    }

    /// <summary>The inverse of <see cref="SequenceMajor"/>.</summary>
    static Matrix<double>[] StepMajor(Matrix<double> m, int T)
    {
        int B = m.ColumnCount / T, d = m.RowCount;
        var source = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        var steps = new Matrix<double>[T];
        for (int t = 0; t < T; t++)
        {
            steps[t] = Matrix<double>.Build.Dense(d, B);
            var target = steps[t].AsColumnMajorArray();
            for (int b = 0; b < B; b++) Array.Copy(source, (b * T + t) * d, target, b * d, d);
        }
        return steps;
    }

    static Matrix<double> Columns(Matrix<double> m, int b, int length) => m.SubMatrix(0, m.RowCount, b * length, length);
}

/// <summary>The forward record of a <see cref="CausalSelfAttention"/>: the projections' traces, each sequence's
/// attention (its weights are what a heatmap shows) and the outputs.</summary>
public sealed class SelfAttentionTrace : LayerTrace
{
    internal SelfAttentionTrace(CausalSelfAttention layer, SequenceInput inputs, ReadoutTrace queries, ReadoutTrace keys, ReadoutTrace values,
        IReadOnlyList<DotProductAttentionTrace> heads, ReadoutTrace output, IReadOnlyList<Matrix<double>> outputs) : base(layer, inputs)
    {
        Queries = queries;
        Keys = keys;
        Values = values;
        Heads = heads;
        Output = output;
        Outputs = outputs;
    }

    internal ReadoutTrace Queries { get; }

    internal ReadoutTrace Keys { get; }

    internal ReadoutTrace Values { get; }

    internal ReadoutTrace Output { get; }

    /// <summary>Sequence b's attention: its weights (T×T, column j is where position j looked) and output.</summary>
    public IReadOnlyList<DotProductAttentionTrace> Heads { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>None: the layer has no state.</summary>
    public override LayerState? FinalState => null;
}
