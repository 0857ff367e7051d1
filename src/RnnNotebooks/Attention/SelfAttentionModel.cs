using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// A one-block, one-head Transformer decoder used as a sequence-to-sequence model: it reads the source,
/// the start marker and the output so far as one sequence, x_1 … x_n &lt;start&gt; y_1 … y_{t−1}, and
/// predicts y_t at the last position. Each token's vector is its embedding plus a learned embedding of its
/// position, counted from the start marker (the source at −n … −1, the marker at 0, y_k at k), so the same
/// number means the same place relative to the output in every length. A composition of sequence layers:
/// <code>
/// x_t = E[token_t] + P[position_t]               d×B
/// y_t = x_t + CausalSelfAttention(x_1 … x_t)     every position attends to itself and the past
/// z_t = y_t + W_2·ReLU(W_1·y_t + b_1) + b_2      a feed-forward layer, position by position
/// logits_t = W_y·z_t + b_y                       at the marker and output positions
/// </code>
/// and the loss is the library's output head, <see cref="SoftmaxCrossEntropy"/>. No layer normalisation,
/// dropout or multiple heads: the smallest block that shows the idea.
/// </summary>
public sealed class SelfAttentionModel : ISequenceToSequence
{
    readonly Parameter _embedding, _positions;

    /// <summary>Creates the model.</summary>
    /// <param name="vocabularySize">V.</param>
    /// <param name="modelSize">d.</param>
    /// <param name="feedForwardSize">The hidden units of the feed-forward layer (often 4d).</param>
    /// <param name="maxLength">The longest source, and the longest output, the position table covers.</param>
    /// <param name="startId">The marker between source and output.</param>
    /// <param name="endId">The id that ends an output.</param>
    /// <param name="seed">Seed of every initial weight.</param>
    public SelfAttentionModel(int vocabularySize, int modelSize, int feedForwardSize, int maxLength, int startId, int endId, int seed = 0)
    {
        if ((uint)startId >= (uint)vocabularySize || (uint)endId >= (uint)vocabularySize || startId == endId)
            throw new ArgumentException($"The start id {startId} and end id {endId} must be two different ids below the vocabulary size {vocabularySize}.", nameof(startId));
        if (maxLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength, the longest source or output, must be positive.");
        if (modelSize <= 0 || feedForwardSize <= 0)
            throw new ArgumentOutOfRangeException(modelSize <= 0 ? nameof(modelSize) : nameof(feedForwardSize), "The model size d and the feed-forward size must be positive (e.g. 32 and 64).");
        VocabularySize = vocabularySize;
        StartId = startId;
        EndId = endId;
        MaxLength = maxLength;
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        _embedding = new Parameter("E", Matrix<double>.Build.Random(modelSize, vocabularySize, normal));
        _positions = new Parameter("P", Matrix<double>.Build.Random(modelSize, 2 * maxLength + 2, normal));
        Attention = new CausalSelfAttention(modelSize, random);
        Hidden = new Readout(modelSize, feedForwardSize, random, "feedforward1.");
        Back = new Readout(feedForwardSize, modelSize, random, "feedforward2.");
        Readout = new Readout(modelSize, vocabularySize, random, "output.");
        Parameters = [_embedding, _positions, .. Attention.Parameters, .. Hidden.Parameters, .. Back.Parameters, .. Readout.Parameters];
    }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int StartId { get; }

    /// <inheritdoc />
    public int EndId { get; }

    /// <summary>The longest source, and the longest output, the model can place.</summary>
    public int MaxLength { get; }

    /// <summary>The self-attention layer (with its residual).</summary>
    public CausalSelfAttention Attention { get; }

    /// <summary>W_1, b_1 of the feed-forward layer (before the ReLU).</summary>
    public Readout Hidden { get; }

    /// <summary>W_2, b_2 of the feed-forward layer.</summary>
    public Readout Back { get; }

    /// <summary>W_y, b_y.</summary>
    public Readout Readout { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public double Loss(int[][] sources, int[][] targets, bool backward = false)
    {
        TokenBatch.Length(targets, VocabularySize, "targets", nameof(targets), mayBeEmpty: true);
        var pass = Run(sources, targets);
        // The marker and output positions, in order: <start> predicts y_1, …, y_m predicts <end>.
        int first = pass.SourceLength, count = pass.Length - first;
        var logits = Readout.Forward(SequenceInput.Dense([.. pass.Z.Skip(first)]));
        var (loss, dLogits) = SequenceLoss.Of(logits.Outputs, TokenBatch.TeacherForcing(targets, StartId, EndId).Targets, backward);
        if (dLogits is null) return loss;
        var dTop = Readout.Backward(logits, dLogits).Inputs!;
        var dZ = Enumerable.Range(0, pass.Length).Select(t => t < first ? Matrix<double>.Build.Dense(pass.Z[0].RowCount, sources.Length) : dTop[t - first]).ToArray();
        // z = y + W_2·ReLU(u) + b_2 with u = W_1·y + b_1.
        var dHidden = Back.Backward(pass.Back, dZ).Inputs!;
        var dPre = dHidden.Select((g, t) => (Matrix<double>?)ReluBackward(g, pass.Hidden.Outputs[t])).ToArray();
        var dFeedForward = Hidden.Backward(pass.Hidden, dPre).Inputs!;
        var dY = dZ.Select((g, t) => (Matrix<double>?)(g + dFeedForward[t])).ToArray();
        var dX = Attention.Backward(pass.Attention, dY).Inputs!;
        // x_t = E[token] + P[position]: each column of dL/dx_t adds into the columns it was read from.
        int d = _embedding.Value.RowCount;
        var dE = _embedding.Gradient.AsColumnMajorArray();
        var dP = _positions.Gradient.AsColumnMajorArray();
        for (int t = 0; t < pass.Length; t++)
        {
            var g = dX[t].AsColumnMajorArray() ?? dX[t].ToColumnMajorArray();
            for (int b = 0; b < sources.Length; b++)
                for (int i = 0; i < d; i++)
                {
                    dE[pass.Tokens[t][b] * d + i] += g[b * d + i];
                    dP[pass.Positions[t] * d + i] += g[b * d + i];
                }
        }
        return loss;
    }

    /// <inheritdoc />
    public Matrix<double> NextLogProbabilities(int[][] sources, int[][] prefixes)
    {
        TokenBatch.Length(prefixes, VocabularySize, "prefixes", nameof(prefixes), mayBeEmpty: true);
        return NextTokenLogProbabilities.Of(Readout.Apply(Run(sources, prefixes).Z[^1]));
    }

    /// <summary>The self-attention weights while writing <paramref name="output"/> for <paramref name="source"/>:
    /// T×T over x_1 … x_n &lt;start&gt; y_1 … y_m, column j where position j looked.</summary>
    public Matrix<double> AttentionWeights(int[] source, int[] output) => Run([source], [output]).Attention.Heads[0].Weights;

    /// <summary>The forward pass: each layer's trace, the tokens [t][b] and positions read, and z_1 … z_T.</summary>
    sealed record Pass(int SourceLength, int[][] Tokens, int[] Positions, SelfAttentionTrace Attention, ReadoutTrace Hidden, ReadoutTrace Back,
        IReadOnlyList<Matrix<double>> Z)
    {
        public int Length => Tokens.Length;
    }

    Pass Run(int[][] sources, int[][] outputs)
    {
        int n = TokenBatch.Length(sources, VocabularySize, "sources", nameof(sources));
        int m = outputs[0].Length;
        if (outputs.Length != sources.Length)
            throw new ArgumentException($"There are {sources.Length} sources but {outputs.Length} outputs: give one per source.", nameof(outputs));
        if (n > MaxLength || m > MaxLength)
            throw new ArgumentException($"A source of {n} and an output of {m} tokens do not fit the position table of maxLength {MaxLength}: create the model with a larger maxLength.", nameof(sources));
        int length = n + 1 + m, batch = sources.Length;
        int[][] tokens = [.. Enumerable.Range(0, length).Select(t => sources.Zip(outputs).Select(p => t < n ? p.First[t] : t == n ? StartId : p.Second[t - n - 1]).ToArray())];
        int[] positions = [.. Enumerable.Range(0, length).Select(t => t - n + MaxLength)];
        var x = Enumerable.Range(0, length).Select(t => Matrix<double>.Build.Dense(_embedding.Value.RowCount, batch,
            (i, b) => _embedding.Value[i, tokens[t][b]] + _positions.Value[i, positions[t]])).ToArray();
        var attention = Attention.Forward(SequenceInput.Dense(x));
        var hidden = Hidden.Forward(SequenceInput.Dense(attention.Outputs));
        var back = Back.Forward(SequenceInput.Dense([.. hidden.Outputs.Select(Relu)]));
        var z = attention.Outputs.Zip(back.Outputs, (y, f) => y + f).ToArray();
        return new Pass(n, tokens, positions, attention, hidden, back, z);
    }

    /// <summary>ReLU(u) = max(u, 0), entry by entry (a plain loop: these matrices are small).</summary>
    static Matrix<double> Relu(Matrix<double> u)
    {
        var result = u.Clone();
        var r = result.AsColumnMajorArray();
        for (int i = 0; i < r.Length; i++) r[i] = Math.Max(r[i], 0);
        return result;
    }

    /// <summary>dL/du = dL/dReLU(u) where u &gt; 0, else 0.</summary>
    static Matrix<double> ReluBackward(Matrix<double> gradient, Matrix<double> u)
    {
        var result = gradient.Clone();
        var r = result.AsColumnMajorArray();
        var us = u.AsColumnMajorArray() ?? u.ToColumnMajorArray();
        for (int i = 0; i < r.Length; i++) if (us[i] <= 0) r[i] = 0;
        return result;
    }
}
