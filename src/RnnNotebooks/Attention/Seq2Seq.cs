using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// An encoder–decoder (Sutskever, Vinyals &amp; Le 2014) of two LSTMs, with or without attention, composed of
/// sequence layers. The encoder reads the source x_1 … x_n (one-hot); its final state (h_n, c_n) starts the
/// decoder, which reads &lt;start&gt; y_1 … y_{t−1} and scores y_t; the loss is the library's output head,
/// <see cref="SoftmaxCrossEntropy"/>.
/// <code>
/// without attention:  z_t = W_y·s_t + b_y                        (s_t: the decoder's hidden state)
/// with attention:     c_t = Attention(s_t; h_1 … h_n)            (additive, Bahdanau's scores)
///                     s̃_t = tanh(W_c·[s_t; c_t] + b_c),  z_t = W_y·s̃_t + b_y
/// </code>
/// Without attention everything the decoder knows about the source passes through (h_n, c_n): the
/// bottleneck. With it, each step looks back at every h_i. The context joins after the decoder's step
/// (Luong, Pham &amp; Manning 2015, <see cref="AttentionLayer"/>), so the decoder runs as one sequence under
/// teacher forcing. Backward, layer by layer: the readout, the attention (which returns dL/ds_t and dL/dh_i),
/// BPTT through the decoder (which returns dL/d(h_n, c_n)), then BPTT through the encoder.
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
        if (vocabularySize < 3)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "The vocabulary needs at least the start and end markers and one symbol.");
        if ((uint)startId >= (uint)vocabularySize || (uint)endId >= (uint)vocabularySize || startId == endId)
            throw new ArgumentException($"The start id {startId} and end id {endId} must be two different ids below the vocabulary size {vocabularySize}.", nameof(startId));
        VocabularySize = vocabularySize;
        StartId = startId;
        EndId = endId;
        Encoder = new LstmCell(vocabularySize, hiddenSize, seed: seed + 1, name: "encoder.");
        Decoder = new LstmCell(vocabularySize, hiddenSize, seed: seed + 2, name: "decoder.");
        if (attention) Attention = new AttentionLayer(hiddenSize, hiddenSize, hiddenSize, hiddenSize, seed + 3);
        Readout = new Readout(hiddenSize, vocabularySize, new Random(seed), "output.");
        Parameters = [.. Encoder.Parameters, .. Decoder.Parameters, .. Attention?.Parameters ?? [], .. Readout.Parameters];
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

    /// <summary>The decoder's attention over the encoder's states (s̃_t); null without attention.</summary>
    public AttentionLayer? Attention { get; }

    /// <summary>z_t = W_y·(s̃_t or s_t) + b_y.</summary>
    public Readout Readout { get; }

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
        var (loss, dLogits) = SequenceLoss.Of(pass.Output.Outputs, expected, backward);
        if (dLogits is not null) Backward(pass, dLogits);
        return loss;
    }

    /// <inheritdoc />
    public Matrix<double> NextLogProbabilities(int[][] sources, int[][] prefixes)
    {
        TokenBatch.Length(prefixes, VocabularySize, "prefixes", nameof(prefixes), mayBeEmpty: true);
        var pass = Run(sources, TokenBatch.TeacherForcing(prefixes, StartId, EndId).Inputs);
        return NextTokenLogProbabilities.Of(pass.Output.Outputs[^1]);
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
        return Matrix<double>.Build.DenseOfColumnVectors(pass.Attention!.Steps.Select(s => s.Weights.Column(0)));
    }

    /// <summary>The forward pass over a batch: one trace per layer, bottom to top.</summary>
    sealed record Pass(SequenceTrace Encoder, SequenceTrace Decoder, AttentionTrace? Attention, ReadoutTrace Output);

    Pass Run(int[][] sources, int[][] decoderInputs)
    {
        TokenBatch.Length(sources, VocabularySize, "sources", nameof(sources));
        if (decoderInputs[0].Length != sources.Length)
            throw new ArgumentException($"There are {sources.Length} sources but {decoderInputs[0].Length} outputs: give one output per source.", nameof(sources));
        var encoder = Encoder.Forward(SequenceInput.OneHot(TokenBatch.StepMajor(sources), VocabularySize));
        var decoder = Decoder.Forward(SequenceInput.OneHot(decoderInputs, VocabularySize), encoder.FinalState);
        var attention = Attention?.Forward(SequenceInput.Dense(decoder.Outputs), new AttendedStates(encoder.Outputs));
        var output = Readout.Forward(SequenceInput.Dense((attention ?? (LayerTrace)decoder).Outputs));
        return new Pass(encoder, decoder, attention, output);
    }

    void Backward(Pass pass, IReadOnlyList<Matrix<double>> dLogits)
    {
        var dTop = Readout.Backward(pass.Output, dLogits).Inputs!;
        IReadOnlyList<Matrix<double>?> dStates = dTop, dKeys = new Matrix<double>?[pass.Encoder.Length];
        if (Attention is not null)
        {
            var attention = Attention.Backward(pass.Attention!, dTop);
            dStates = attention.Inputs!;
            dKeys = ((AttendedStates)attention.InitialStateGradient!).States;
        }
        var dInitial = Decoder.Backward(pass.Decoder, dStates).InitialState;               // into (h_n, c_n)
        Encoder.Backward(pass.Encoder, dKeys, dInitial);
    }
}
