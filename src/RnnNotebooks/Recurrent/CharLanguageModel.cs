using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent.Fast;
using RnnNotebooks.Text;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// A character-level language model: read one character at a time, predict the next.
/// <code>
/// x_t      = one-hot(c_t)            or  E[:, c_t] with an embedding E (D_e×V)
/// h_t      = recurrent layers (RNN, LSTM or GRU, one or more) over x_1 … x_t
/// y_t      = W_hy·h_t + b_y          logits, one score per character of the vocabulary
/// p_t      = softmax(y_t)
/// loss     = −(1/TB) Σ log p_t[c_{t+1}]   nats per character;  perplexity = e^loss
/// </code>
/// Training windows come from <see cref="TextWindows"/>; <see cref="ComputeGradients(TextWindow)"/> is one
/// step of truncated BPTT with the state carried between windows in <see cref="State"/>.
/// </summary>
public sealed class CharLanguageModel : IModel
{
    readonly List<Parameter> _parameters = [];
    LanguageModelKernel? _kernel;
    FloatPrecision _precision;
    IReadOnlyList<RecurrentState>? _state;   // the carried state, held here alone

    /// <summary>
    /// Creates a model over <paramref name="vocabulary"/>. Example:
    /// <c>new CharLanguageModel(vocab, CellKind.Lstm, hiddenSize: 128, layers: 2, seed: 1)</c>.
    /// </summary>
    /// <param name="vocabulary">The characters the model reads and writes.</param>
    /// <param name="cell">RNN, LSTM or GRU.</param>
    /// <param name="hiddenSize">H, the units of every recurrent layer.</param>
    /// <param name="layers">How many recurrent layers to stack.</param>
    /// <param name="embeddingSize">D_e for a learned embedding; null feeds one-hot vectors (D = V).</param>
    /// <param name="seed">Seed of every initial weight.</param>
    /// <param name="activation">The nonlinearity of RNN cells.</param>
    /// <param name="forgetBias">The initial forget-gate bias of LSTM cells.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for every recurrent weight W_h·
    /// (e.g. orthogonal, or a chosen spectral radius); the default is uniform ±1/√H.</param>
    public CharLanguageModel(Vocabulary vocabulary, CellKind cell = CellKind.Lstm, int hiddenSize = 64, int layers = 1,
        int? embeddingSize = null, int seed = 0, RnnActivation activation = RnnActivation.Tanh, double forgetBias = 1.0,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null)
        : this(vocabulary, CellSpec.Of(cell, activation, forgetBias), hiddenSize, layers, embeddingSize, seed, recurrentInitializer)
    {
    }

    /// <summary>
    /// Creates a model over <paramref name="vocabulary"/> whose recurrent layers are made by <paramref name="cell"/>,
    /// which carries that kind's own options. Example: <c>new CharLanguageModel(vocab, new LstmSpec(ForgetBias: 2), hiddenSize: 128)</c>.
    /// </summary>
    /// <param name="vocabulary">The characters the model reads and writes.</param>
    /// <param name="cell">The cell kind and its options (<see cref="RnnSpec"/>, <see cref="LstmSpec"/>, <see cref="GruSpec"/>).</param>
    /// <param name="hiddenSize">H, the units of every recurrent layer.</param>
    /// <param name="layers">How many recurrent layers to stack.</param>
    /// <param name="embeddingSize">D_e for a learned embedding; null feeds one-hot vectors (D = V).</param>
    /// <param name="seed">Seed of every initial weight.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for every recurrent weight W_h·
    /// (e.g. orthogonal, or a chosen spectral radius); the default is uniform ±1/√H.</param>
    public CharLanguageModel(Vocabulary vocabulary, CellSpec cell, int hiddenSize = 64, int layers = 1,
        int? embeddingSize = null, int seed = 0, Func<int, int, Random, Matrix<double>>? recurrentInitializer = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(cell);
        if (hiddenSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "The hidden size H must be positive (e.g. 64 or 128).");
        if (embeddingSize is <= 0)
            throw new ArgumentOutOfRangeException(nameof(embeddingSize), embeddingSize, "The embedding size must be positive, or null for one-hot input.");
        Vocabulary = vocabulary;
        Options = new LanguageModelOptions(cell, hiddenSize, layers, embeddingSize, seed);
        int v = vocabulary.Size;
        var random = new Random(seed);
        if (embeddingSize is int d)
        {
            Embedding = new Embedding(v, d, random);
            _parameters.AddRange(Embedding.Parameters);
        }
        Recurrent = RecurrentStack.Create(cell, embeddingSize ?? v, hiddenSize, layers, seed, recurrentInitializer: recurrentInitializer);
        _parameters.AddRange(Recurrent.Parameters);
        double bound = 1 / Math.Sqrt(hiddenSize);
        OutputWeights = new Parameter("W_hy", Matrix<double>.Build.Dense(v, hiddenSize, (_, _) => bound * (2 * random.NextDouble() - 1)));
        OutputBias = new Parameter("b_y", Matrix<double>.Build.Dense(v, 1));
        _parameters.Add(OutputWeights);
        _parameters.Add(OutputBias);
        Readout = new Readout(OutputWeights, OutputBias);
        _kernel = LanguageModelKernel.For(this, _precision);
    }

    /// <summary>The characters the model knows (V = <see cref="Vocabulary.Size"/>).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The architecture: cell kind, sizes, seed (what <see cref="ModelFile"/> saves in its header).</summary>
    public LanguageModelOptions Options { get; }

    /// <summary>The learned embedding E (D_e×V) the characters go through first; null with one-hot input.</summary>
    public Embedding? Embedding { get; }

    /// <summary>The recurrent layers.</summary>
    public RecurrentStack Recurrent { get; }

    /// <summary>W_hy (V×H): hidden state to logits.</summary>
    public Parameter OutputWeights { get; }

    /// <summary>b_y (V×1).</summary>
    public Parameter OutputBias { get; }

    /// <summary>The output layer y_t = W_hy·h_t + b_y over <see cref="OutputWeights"/> and <see cref="OutputBias"/>;
    /// its logits go to <see cref="SoftmaxCrossEntropy"/>.</summary>
    public Readout Readout { get; }

    /// <summary>E (if any), every recurrent layer's parameters, then W_hy and b_y.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// The state carried from one training window to the next (one per layer); null before the first
    /// window or after <see cref="ResetState"/>. Truncated BPTT treats it as a constant. The model alone holds
    /// it (the fast path overwrites it in place), so this gives a copy.
    /// </summary>
    public IReadOnlyList<RecurrentState>? State => _state?.Select(s => s.Copy()).ToArray();

    /// <summary>Forgets the carried state (at the start of an epoch, or before changing the batch size).</summary>
    public void ResetState() => _state = null;

    /// <summary>
    /// Whether <see cref="ComputeGradients(TextWindow)"/> and <see cref="Loss(TextWindow, IReadOnlyList{RecurrentState}?)"/>
    /// may take the fast path (default true): for every architecture this model builds from RNN, LSTM and GRU cells
    /// (any number of layers, one-hot input or an embedding) a kernel batches the input projections and the output
    /// layer over all time steps, reuses its buffers and uses a vectorised matrix product (Recurrent/Fast).
    /// Set false to run the readable reference cells; both give the same loss and gradients (to about
    /// 1e-12, a test checks it). <see cref="HasFastPath"/> says whether this architecture has one.
    /// </summary>
    public bool UseFastPath { get; set; } = true;

    /// <summary>
    /// What the fast path stores and computes in: <see cref="FloatPrecision.Float64"/> (default) or
    /// <see cref="FloatPrecision.Float32"/>, about 1.5× as fast at B = 32 and 1.1-1.3× at B = 1 (the benchmarks' README),
    /// with a step's loss and gradients within a few parts in a million of float64's (tests bound one step and a
    /// short training run). The parameters, the optimiser, clipping, gradient checks, saved models and the
    /// reference path (<see cref="UseFastPath"/> = false) stay float64. Example: <c>model.Precision = FloatPrecision.Float32;</c>
    /// </summary>
    public FloatPrecision Precision
    {
        get => _precision;
        set
        {
            if (value == _precision) return;
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "The precision is FloatPrecision.Float64 or FloatPrecision.Float32.");
            _precision = value;
            _kernel = LanguageModelKernel.For(this, value);
        }
    }

    /// <summary>Whether this architecture has a fast path: every layer an RNN, LSTM or GRU cell (a cell kind of
    /// your own runs on the reference path).</summary>
    public bool HasFastPath => _kernel is not null;

    /// <summary>
    /// One step of truncated BPTT: from the carried <see cref="State"/>, forward over the window,
    /// loss, backward inside the window only; zeroes and then fills every parameter's gradient and
    /// carries the final state on to the next window. This is the method a trainer calls per step.
    /// When the model's outputs are no longer finite (training diverged) it returns a NaN loss and
    /// zero gradients instead of throwing, so that the trainer can stop and say at which step.
    /// </summary>
    public BackwardResult ComputeGradients(TextWindow window)
    {
        CheckWindow(window);
        int carried = _state?[0].BatchSize ?? window.BatchSize;
        if (carried != window.BatchSize)
            throw new ArgumentException(
                $"The carried state holds {carried} sequences but this window has B = {window.BatchSize}: call ResetState() when you change the batch size.", nameof(window));
        if (UseFastPath && _kernel is not null && _kernel.Fits(_state, window.BatchSize))
        {
            var fast = _kernel.Run(window, _state, _parameters);
            _state ??= ZeroState(window.BatchSize);
            _kernel.WriteFinalState(_state);
            return fast;
        }
        var (result, final) = Run(window, _state, backward: true);
        _state = final;
        return result;
    }

    /// <summary>
    /// Forward and backward over <paramref name="window"/> from a given state (zeros when null),
    /// without touching <see cref="State"/>: zeroes and fills every gradient. A gradient check of a
    /// truncated window calls this and <see cref="Loss(TextWindow, IReadOnlyList{RecurrentState}?)"/>
    /// with the same fixed carried-in state.
    /// </summary>
    public BackwardResult ComputeGradients(TextWindow window, IReadOnlyList<RecurrentState>? initialState)
    {
        CheckWindow(window);
        if (UseFastPath && _kernel is not null && _kernel.Fits(initialState, window.BatchSize))
            return _kernel.Run(window, initialState, _parameters);
        return Run(window, initialState, backward: true).Result;
    }

    /// <summary>
    /// The loss in nats per character on <paramref name="window"/> from a given state (zeros when null); no
    /// gradients.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has diverged (its outputs are not finite); the message gives the fix.</exception>
    public double Loss(TextWindow window, IReadOnlyList<RecurrentState>? initialState = null)
    {
        CheckWindow(window);
        return Finite(Evaluate(window, initialState, carried: null).Loss);
    }

    // The loss over a window from a state, forward only, on the fast path when it fits; the state it ended in is
    // written into `carried` (the fast path) or returned new (the reference path). Gradients are not touched.
    (double Loss, IReadOnlyList<RecurrentState> Final) Evaluate(TextWindow window, IReadOnlyList<RecurrentState>? state, IReadOnlyList<RecurrentState>? carried)
    {
        if (UseFastPath && _kernel is not null && _kernel.Fits(state, window.BatchSize))
        {
            double loss = _kernel.Loss(window, state);
            carried ??= ZeroState(window.BatchSize);
            _kernel.WriteFinalState(carried);
            return (loss, carried);
        }
        var (result, final) = Run(window, state, backward: false);
        return (result.Loss, final);
    }

    // Every layer's zero state for a batch of B: where the fast path writes the state it ends in.
    RecurrentState[] ZeroState(int batchSize) => [.. Recurrent.Layers.Select(layer => layer.ZeroState(batchSize))];

    // An evaluation has no trainer to name the step, so a diverged model is said at once, with the fix.
    static double Finite(double loss) => double.IsFinite(loss) ? loss
        : throw new InvalidOperationException("The model cannot be evaluated. " + BackwardResult.DivergedProblem);

    /// <summary>
    /// The loss in nats per character of predicting every character of <paramref name="text"/> from
    /// the ones before it (from a zero state, in windows of 100 with the state carried; no gradients).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has diverged (its outputs are not finite); the message gives the fix.</exception>
    public double Loss(string text)
    {
        var ids = EncodeText(text, nameof(text));
        if (ids.Length < 2)
            throw new ArgumentException("The text has a single character: a loss needs at least two (one to read, one to predict).", nameof(text));
        double total = 0;
        IReadOnlyList<RecurrentState>? state = null;
        for (int start = 0; start < ids.Length - 1; start += 100)
        {
            int length = Math.Min(100, ids.Length - 1 - start);
            var window = new TextWindow(
                Enumerable.Range(start, length).Select(i => new[] { ids[i] }).ToArray(),
                Enumerable.Range(start + 1, length).Select(i => new[] { ids[i] }).ToArray());
            var (loss, final) = Evaluate(window, state, carried: state);
            total += loss * length;
            state = final;
        }
        return Finite(total / (ids.Length - 1));
    }

    /// <summary>The probability of each character (by id) coming next after reading <paramref name="context"/> from a zero state.</summary>
    public double[] NextCharacterProbabilities(string context)
    {
        var (logits, _) = WarmUp(EncodeText(context, nameof(context)));
        var p = logits.ToArray();
        Softmax.Normalize(p);
        return p;
    }

    /// <summary>
    /// Reads <paramref name="text"/> from a zero state and returns the full forward record: every
    /// layer's hidden states and, for gated cells, the gate activations at every character (for
    /// plots of what the cells do). Example: <c>((LstmStep)model.Trace("to be").Layers[0].Steps[3]).Forget</c>.
    /// </summary>
    public StackTrace Trace(string text) =>
        Recurrent.Forward(Input(EncodeText(text, nameof(text)).Select(id => new[] { id }).ToArray()));

    /// <summary>
    /// Generates <paramref name="length"/> characters after <paramref name="prefix"/>: the prefix warms
    /// the state up (from zeros), then each chosen character is fed back in. Returns only the new
    /// characters. The same seed gives the same text. Example:
    /// <c>model.Generate("ROMEO:", 200, new TopKSampler(5), seed: 1)</c>.
    /// </summary>
    public string Generate(string prefix, int length, ISampler sampler, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "The number of characters to generate cannot be negative.");
        var (logits, state) = WarmUp(EncodeText(prefix, nameof(prefix)));
        var random = new Random(seed);
        var output = new char[length];
        for (int n = 0; n < length; n++)
        {
            int id = sampler.Sample(logits, random);
            output[n] = Vocabulary[id];
            var trace = Recurrent.Forward(Input([[id]]), state);
            state = trace.Final;
            logits = Readout.Apply(trace.Outputs[0]).Column(0);
        }
        return new string(output);
    }

    public override string ToString() =>
        $"{Options.Cell.Kind} language model: V = {Vocabulary.Size}, H = {Options.HiddenSize}, {Options.Layers} layer(s), {Parameters.Sum(p => p.Count):N0} parameters";

    // Feeds the prefix from a zero state: the logits for the next character and the state after it.
    (Vector<double> Logits, IReadOnlyList<RecurrentState> State) WarmUp(int[] ids)
    {
        var trace = Recurrent.Forward(Input(ids.Select(id => new[] { id }).ToArray()));
        return (Readout.Apply(trace.Outputs[^1]).Column(0), trace.Final);
    }

    (BackwardResult Result, IReadOnlyList<RecurrentState> Final) Run(TextWindow window, IReadOnlyList<RecurrentState>? initial, bool backward)
    {
        int T = window.Length, B = window.BatchSize, V = Vocabulary.Size, n = T * B;
        var (inputs, embedded) = Embed(window.Inputs);
        var trace = Recurrent.Forward(inputs, initial);
        var readout = Readout.Forward(SequenceInput.Dense(trace.Outputs));      // y_t = W_hy·h_t + b_y
        var logits = Matrix<double>.Build.Dense(V, n);                            // y_1 … y_T side by side
        for (int t = 0; t < T; t++) logits.SetSubMatrix(0, t * B, readout.Outputs[t]);
        double loss = SoftmaxCrossEntropy.Apply(logits.AsColumnMajorArray(), V, window.Targets);   // logits become dL/dy
        if (double.IsNaN(loss))
        {
            // The weights have diverged (e.g. exploding gradients): report a NaN loss, which a trainer
            // turns into a message naming the step, rather than failing deep inside the softmax.
            if (backward) foreach (var parameter in _parameters) parameter.ZeroGradient();
            return (BackwardResult.Diverged(n), trace.Final);
        }
        if (!backward) return (new BackwardResult(loss, n, []), trace.Final);

        foreach (var parameter in _parameters) parameter.ZeroGradient();
        var dLogits = Enumerable.Range(0, T).Select(t => logits.SubMatrix(0, V, t * B, B)).ToArray();
        var dHidden = Readout.Backward(readout, dLogits).Inputs!;                // dL/dh_t = W_hyᵀ·dy_t
        var gradients = Recurrent.Backward(trace, dHidden);
        if (embedded is not null) Embedding!.Backward(embedded, gradients.Inputs!);   // dE[:, c_t] += dL/dx_t
        return (new BackwardResult(loss, n, gradients.HiddenGradientNorms), trace.Final);
    }

    // The recurrent input: one-hot ids, or their embedding columns E[:, id] (with the embedding's trace, for backward).
    (SequenceInput Inputs, EmbeddingTrace? Embedded) Embed(int[][] ids)
    {
        var oneHot = SequenceInput.OneHot(ids, Vocabulary.Size);
        var embedded = Embedding?.Forward(oneHot);
        return (embedded is null ? oneHot : SequenceInput.Dense(embedded.Outputs), embedded);
    }

    SequenceInput Input(int[][] ids) => Embed(ids).Inputs;

    int[] EncodeText(string text, string argument)
    {
        ArgumentNullException.ThrowIfNull(text, argument);
        if (text.Length == 0)
            throw new ArgumentException($"The {argument} is empty: give at least one character to start from.", argument);
        return Vocabulary.Encode(text);
    }

    void CheckWindow(TextWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Length == 0 || window.BatchSize == 0)
            throw new ArgumentException("The window is empty: it needs at least one time step and one sequence (make windows with TextWindows.Cut).", nameof(window));
        if (window.Targets is null || window.Targets.Length != window.Length)
            throw new ArgumentException($"The window has {window.Length} input steps but {window.Targets?.Length ?? 0} target steps: they must match.", nameof(window));
        for (int t = 0; t < window.Length; t++)
        {
            if (window.Inputs[t]?.Length != window.BatchSize || window.Targets[t]?.Length != window.BatchSize)
                throw new ArgumentException($"Step {t} of the window does not hold {window.BatchSize} inputs and {window.BatchSize} targets (one per sequence).", nameof(window));
            for (int b = 0; b < 2 * window.BatchSize; b++)   // inputs, then targets (a plain loop: no garbage per step)
            {
                int id = b < window.BatchSize ? window.Inputs[t][b] : window.Targets[t][b - window.BatchSize];
                if ((uint)id >= (uint)Vocabulary.Size)
                    throw new ArgumentOutOfRangeException(nameof(window), id, $"Character id {id} at step {t} is outside this model's vocabulary of {Vocabulary.Size} characters (ids 0 … {Vocabulary.Size - 1}): encode the text with the model's own Vocabulary.");
            }
        }
    }
}

/// <summary>The architecture of a <see cref="CharLanguageModel"/> (what <see cref="ModelFile"/> saves in its header).</summary>
/// <param name="Cell">The cell kind and its options.</param>
/// <param name="HiddenSize">H of every layer.</param>
/// <param name="Layers">How many recurrent layers.</param>
/// <param name="EmbeddingSize">D_e, or null for one-hot input.</param>
/// <param name="Seed">The initialisation seed.</param>
public sealed record LanguageModelOptions(CellSpec Cell, int HiddenSize, int Layers, int? EmbeddingSize, int Seed);
