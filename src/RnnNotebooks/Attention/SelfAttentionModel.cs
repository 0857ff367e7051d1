using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Perceptrons;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// A one-block, one-head Transformer decoder used as a sequence-to-sequence model: it reads the source,
/// the start marker and the output so far as one sequence, x_1 … x_n &lt;start&gt; y_1 … y_{t−1}, and
/// predicts y_t at the last position. Each token's vector is its embedding plus a learned embedding of its
/// position, counted from the start marker (the source at −n … −1, the marker at 0, y_k at k), so the same
/// number means the same place relative to the output in every length.
/// <code>
/// X = E[token] + P[position]                     d×T
/// Y = X + CausalSelfAttention(X)                 every position attends to itself and the past
/// Z = Y + W_2·ReLU(W_1·Y + b_1) + b_2            a feed-forward layer, position by position
/// z_t = W_y·Z_t + b_y                            logits at the marker and output positions
/// </code>
/// No layer normalisation, dropout or multiple heads: the smallest block that shows the idea.
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
        VocabularySize = vocabularySize;
        StartId = startId;
        EndId = endId;
        MaxLength = maxLength;
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        _embedding = new Parameter("E", Matrix<double>.Build.Random(modelSize, vocabularySize, normal));
        _positions = new Parameter("P", Matrix<double>.Build.Random(modelSize, 2 * maxLength + 2, normal));
        Attention = new CausalSelfAttention(modelSize, random);
        Hidden = new DenseLayer(modelSize, feedForwardSize, Activation.Relu, random, "_1");
        Back = new DenseLayer(feedForwardSize, modelSize, Activation.Identity, random, "_2");
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

    /// <summary>W_1, b_1 of the feed-forward layer.</summary>
    public DenseLayer Hidden { get; }

    /// <summary>W_2, b_2 of the feed-forward layer.</summary>
    public DenseLayer Back { get; }

    /// <summary>W_y, b_y.</summary>
    public Readout Readout { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public double Loss(int[][] sources, int[][] targets, bool backward = false)
    {
        int m = TokenBatch.Length(targets, VocabularySize, "targets", nameof(targets), mayBeEmpty: true);
        var pass = Run(sources, targets);
        // The output positions of each example, in order: <start> predicts y_1, …, y_m predicts <end>.
        var expected = targets.SelectMany(y => y.Append(EndId)).ToArray();
        var logits = Readout.Forward(SequenceInput.Dense([OutputColumns(pass.Z, pass.Length, pass.SourceLength, m + 1)]));
        // One step of B·(m+1) predictions for the shared head: the mean is over every predicted token alike.
        var (loss, dLogits) = SequenceLoss.Of(logits.Outputs, [expected], backward);
        if (dLogits is null) return loss;
        var dZ = Matrix<double>.Build.Dense(pass.Z.RowCount, pass.Z.ColumnCount);
        var dOutputs = Readout.Backward(logits, dLogits).Inputs![0];
        for (int b = 0; b < sources.Length; b++)
            dZ.SetSubMatrix(0, b * pass.Length + pass.SourceLength, dOutputs.SubMatrix(0, dZ.RowCount, b * (m + 1), m + 1));
        var dY = dZ + Hidden.Backward(Back.Backward(dZ));
        var dX = Attention.Backward(dY);
        for (int j = 0; j < dX.ColumnCount; j++)           // X = E[token] + P[position]: scatter the columns back
        {
            var column = dX.Column(j);
            _embedding.Gradient.SetColumn(pass.Tokens[j], _embedding.Gradient.Column(pass.Tokens[j]) + column);
            _positions.Gradient.SetColumn(pass.Positions[j], _positions.Gradient.Column(pass.Positions[j]) + column);
        }
        return loss;
    }

    /// <inheritdoc />
    public Matrix<double> NextLogProbabilities(int[][] sources, int[][] prefixes)
    {
        int m = TokenBatch.Length(prefixes, VocabularySize, "prefixes", nameof(prefixes), mayBeEmpty: true);
        var pass = Run(sources, prefixes);
        var last = Matrix<double>.Build.DenseOfColumnVectors(Enumerable.Range(0, sources.Length).Select(b => pass.Z.Column(b * pass.Length + pass.Length - 1)));
        return NextTokenLogProbabilities.Of(Readout.Apply(last));
    }

    /// <summary>The self-attention weights while writing <paramref name="output"/> for <paramref name="source"/>:
    /// T×T over x_1 … x_n &lt;start&gt; y_1 … y_m, column j where position j looked.</summary>
    public Matrix<double> AttentionWeights(int[] source, int[] output)
    {
        Run([source], [output]);
        return Attention.Weights(0);
    }

    sealed record Pass(int SourceLength, int Length, int[] Tokens, int[] Positions, Matrix<double> Z);

    Pass Run(int[][] sources, int[][] outputs)
    {
        int n = TokenBatch.Length(sources, VocabularySize, "sources", nameof(sources));
        int m = outputs[0].Length;
        if (outputs.Length != sources.Length)
            throw new ArgumentException($"There are {sources.Length} sources but {outputs.Length} outputs: give one per source.", nameof(outputs));
        if (n > MaxLength || m + 1 > MaxLength + 1)
            throw new ArgumentException($"A source of {n} and an output of {m} tokens do not fit the position table of maxLength {MaxLength}: create the model with a larger maxLength.", nameof(sources));
        int length = n + 1 + m;
        var tokens = sources.Zip(outputs).SelectMany(p => p.First.Append(StartId).Concat(p.Second)).ToArray();
        var positions = Enumerable.Range(0, tokens.Length).Select(j => j % length - n + MaxLength).ToArray();
        var x = Matrix<double>.Build.Dense(_embedding.Value.RowCount, tokens.Length,
            (i, j) => _embedding.Value[i, tokens[j]] + _positions.Value[i, positions[j]]);
        var y = Attention.Forward(x, length);
        var z = y + Back.Forward(Hidden.Forward(y));
        return new Pass(n, length, tokens, positions, z);
    }

    static Matrix<double> OutputColumns(Matrix<double> z, int length, int sourceLength, int count)
    {
        int batch = z.ColumnCount / length;
        var result = Matrix<double>.Build.Dense(z.RowCount, batch * count);
        for (int b = 0; b < batch; b++)
            result.SetSubMatrix(0, b * count, z.SubMatrix(0, z.RowCount, b * length + sourceLength, count));
        return result;
    }
}
