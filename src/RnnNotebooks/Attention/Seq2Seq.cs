using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// An encoder–decoder (Sutskever, Vinyals &amp; Le 2014) of two LSTMs, with or without attention. The
/// encoder reads the source x_1 … x_n (one-hot); its final state (h_n, c_n) starts the decoder, which reads
/// &lt;start&gt; y_1 … y_{t−1} and scores y_t.
/// <code>
/// without attention:  z_t = W_y·s_t + b_y                        (s_t: the decoder's hidden state)
/// with attention:     c_t = Attention(s_t; h_1 … h_n)            (additive, Bahdanau's scores)
///                     s̃_t = tanh(W_c·[s_t; c_t] + b_c),  z_t = W_y·s̃_t + b_y
/// </code>
/// Without attention everything the decoder knows about the source passes through (h_n, c_n): the
/// bottleneck. With it, each step looks back at every h_i. The context joins after the decoder's step
/// (Luong, Pham &amp; Manning 2015), so the decoder runs as one sequence under teacher forcing.
/// </summary>
public sealed class Seq2Seq : ISequenceToSequence
{
    /// <summary>Creates the model.</summary>
    /// <param name="vocabularySize">V: symbols and markers.</param>
    /// <param name="hiddenSize">H of both LSTMs (and the attention's A).</param>
    /// <param name="attention">Whether the decoder attends to the encoder's states.</param>
    /// <param name="startId">The id the decoder reads first.</param>
    /// <param name="endId">The id that ends an output.</param>
    /// <param name="seed">Seed of every initial weight.</param>
    public Seq2Seq(int vocabularySize, int hiddenSize, bool attention, int startId, int endId, int seed = 0)
    {
        if (vocabularySize < 2)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "The vocabulary needs at least the start and end markers and one symbol.");
        if ((uint)startId >= (uint)vocabularySize || (uint)endId >= (uint)vocabularySize || startId == endId)
            throw new ArgumentException($"The start id {startId} and end id {endId} must be two different ids below the vocabulary size {vocabularySize}.", nameof(startId));
        VocabularySize = vocabularySize;
        StartId = startId;
        EndId = endId;
        var random = new Random(seed);
        Encoder = new LstmCell(vocabularySize, hiddenSize, seed: seed + 1, name: "encoder.");
        Decoder = new LstmCell(vocabularySize, hiddenSize, seed: seed + 2, name: "decoder.");
        if (attention)
        {
            Attention = new AdditiveAttention(hiddenSize, hiddenSize, hiddenSize, seed + 3);
            Combine = new DenseLayer(2 * hiddenSize, hiddenSize, Activation.Tanh, random, "_c");
        }
        Readout = new DenseLayer(hiddenSize, vocabularySize, Activation.Identity, random, "_y");
        Parameters = [.. Encoder.Parameters, .. Decoder.Parameters, .. Attention?.Parameters ?? [], .. Combine?.Parameters ?? [], .. Readout.Parameters];
    }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int StartId { get; }

    /// <inheritdoc />
    public int EndId { get; }

    /// <summary>H.</summary>
    public int HiddenSize => Encoder.HiddenSize;

    /// <summary>The LSTM that reads the source.</summary>
    public LstmCell Encoder { get; }

    /// <summary>The LSTM that writes the output.</summary>
    public LstmCell Decoder { get; }

    /// <summary>The decoder's attention over the encoder's states; null without attention.</summary>
    public AdditiveAttention? Attention { get; }

    /// <summary>s̃_t = tanh(W_c·[s_t; c_t] + b_c); null without attention.</summary>
    public DenseLayer? Combine { get; }

    /// <summary>z_t = W_y·(s̃_t or s_t) + b_y.</summary>
    public DenseLayer Readout { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public double Loss(int[][] sources, int[][] targets, bool backward = false)
    {
        TokenBatch.Length(targets, VocabularySize, "targets", nameof(targets), mayBeEmpty: true);
        if (targets.Length != sources?.Length)
            throw new ArgumentException($"There are {sources?.Length ?? 0} sources and {targets.Length} targets: give one target per source.", nameof(targets));
        var (inputs, expected) = TokenBatch.TeacherForcing(targets, StartId, EndId);
        var pass = Run(sources, inputs);
        var flat = TokenBatch.Flatten(expected);
        if (!backward) return SequenceCrossEntropy.Loss(pass.Logits, flat);
        var dLogits = Matrix<double>.Build.Dense(VocabularySize, pass.Logits.ColumnCount);
        double loss = SequenceCrossEntropy.Loss(pass.Logits, flat, dLogits);
        Backward(pass, Readout.Backward(dLogits));
        return loss;
    }

    /// <inheritdoc />
    public Matrix<double> NextLogProbabilities(int[][] sources, int[][] prefixes)
    {
        TokenBatch.Length(prefixes, VocabularySize, "prefixes", nameof(prefixes), mayBeEmpty: true);
        var inputs = TokenBatch.TeacherForcing(prefixes, StartId, EndId).Inputs;
        var pass = Run(sources, inputs);
        int batch = sources.Length;
        return SequenceCrossEntropy.LogProbabilities(pass.Logits.SubMatrix(0, VocabularySize, (inputs.Length - 1) * batch, batch));
    }

    /// <summary>
    /// The attention weights while the model writes <paramref name="output"/> for <paramref name="source"/>
    /// (teacher-forced): n×(m+1), column t is where step t (writing output[t], then &lt;end&gt;) looked.
    /// </summary>
    public Matrix<double> AttentionWeights(int[] source, int[] output)
    {
        if (Attention is null)
            throw new InvalidOperationException("This model has no attention: create it with attention: true.");
        ArgumentNullException.ThrowIfNull(output);
        var pass = Run([source], TokenBatch.TeacherForcing([output], StartId, EndId).Inputs);
        return Matrix<double>.Build.DenseOfColumnVectors(pass.Steps!.Select(s => s.Weights.Column(0)));
    }

    /// <summary>The forward pass over a batch: the traces the backward pass walks, and the logits (V×(T·B), step after step).</summary>
    sealed record Pass(SequenceTrace Encoder, SequenceTrace Decoder, AttentionMemory? Memory, AdditiveAttentionStep[]? Steps, Matrix<double> Logits);

    Pass Run(int[][] sources, int[][] decoderInputs)
    {
        TokenBatch.Length(sources, VocabularySize, "sources", nameof(sources));
        if (decoderInputs[0].Length != sources.Length)
            throw new ArgumentException($"There are {sources.Length} sources but {decoderInputs[0].Length} outputs: give one output per source.", nameof(sources));
        var encoder = Encoder.Forward(SequenceInput.OneHot(TokenBatch.StepMajor(sources), VocabularySize));
        var decoder = Decoder.Forward(SequenceInput.OneHot(decoderInputs, VocabularySize), encoder.Final);
        var states = decoder.Outputs.Aggregate((a, b) => a.Append(b));                   // H × (T·B)
        if (Attention is null) return new Pass(encoder, decoder, null, null, Readout.Forward(states));
        var memory = Attention.Remember(encoder.Outputs);
        var steps = decoder.Outputs.Select(s => Attention.Attend(memory, s)).ToArray();
        var contexts = steps.Select(s => s.Context).Aggregate((a, b) => a.Append(b));
        return new Pass(encoder, decoder, memory, steps, Readout.Forward(Combine!.Forward(states.Stack(contexts))));
    }

    void Backward(Pass pass, Matrix<double> dTop)
    {
        int batch = pass.Encoder.Inputs.BatchSize, h = HiddenSize, T = pass.Decoder.Length;
        IReadOnlyList<Matrix<double>?> dKeys = new Matrix<double>?[pass.Encoder.Length];
        Matrix<double> dStates = dTop;
        if (Attention is not null)
        {
            var dCombined = Combine!.Backward(dTop);                                      // 2H × (T·B): [dL/ds_t; dL/dc_t]
            dStates = dCombined.SubMatrix(0, h, 0, T * batch);
            for (int t = 0; t < T; t++)
            {
                var dQuery = Attention.Backward(pass.Steps![t], dCombined.SubMatrix(h, h, t * batch, batch));
                dStates.SetSubMatrix(0, t * batch, dStates.SubMatrix(0, h, t * batch, batch) + dQuery);
            }
            dKeys = Attention.Backward(pass.Memory!);
        }
        var dOutputs = Enumerable.Range(0, T).Select(t => dStates.SubMatrix(0, h, t * batch, batch)).ToArray();
        var dInitial = Decoder.Backward(pass.Decoder, dOutputs).InitialState;              // into (h_n, c_n)
        Encoder.Backward(pass.Encoder, dKeys, dInitial);
    }
}
