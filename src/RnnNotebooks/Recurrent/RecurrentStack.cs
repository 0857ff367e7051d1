using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Recurrent layers on top of each other: layer 1 reads x_t, layer l+1 reads layer l's h_t, and the
/// top layer's h_t is the stack's output. Backwards, the gradient reaching layer l+1's inputs is the
/// output gradient of layer l. Each layer keeps its own state; the stack's state is their
/// <see cref="LayerStates"/>, bottom first.
/// </summary>
public sealed class RecurrentStack : SequenceLayer
{
    /// <summary>Stacks the given cells, bottom first; each layer's input size must equal the hidden size below it.</summary>
    public RecurrentStack(IReadOnlyList<RecurrentCell> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
            throw new ArgumentException("A stack needs at least one layer.", nameof(layers));
        for (int l = 1; l < layers.Count; l++)
            if (layers[l].InputSize != layers[l - 1].HiddenSize)
                throw new ArgumentException(
                    $"Layer {l + 1} expects inputs of size {layers[l].InputSize} but layer {l} outputs h_t of size {layers[l - 1].HiddenSize}: make them equal.", nameof(layers));
        Layers = layers.ToArray();
        Parameters = Layers.SelectMany(c => c.Parameters).ToArray();
    }

    /// <summary>
    /// A stack of <paramref name="layers"/> cells of one kind, each with <paramref name="hiddenSize"/>
    /// units; parameters are named "layer1.W_hh" and so on. Example: <c>RecurrentStack.Create(CellKind.Lstm, 65, 128, layers: 2)</c>.
    /// </summary>
    /// <param name="kind">RNN, LSTM or GRU.</param>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H of every layer.</param>
    /// <param name="layers">How many layers.</param>
    /// <param name="seed">Seed of the default initialisation (each layer gets its own stream).</param>
    /// <param name="activation">φ of RNN cells.</param>
    /// <param name="forgetBias">Initial forget-gate bias of LSTM cells.</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for every W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for every W_h·.</param>
    public static RecurrentStack Create(CellKind kind, int inputSize, int hiddenSize, int layers = 2, int seed = 0,
        RnnActivation activation = RnnActivation.Tanh, double forgetBias = 1.0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        Create(CellSpec.Of(kind, activation, forgetBias), inputSize, hiddenSize, layers, seed, inputInitializer, recurrentInitializer);

    /// <summary>
    /// A stack of <paramref name="layers"/> cells made by <paramref name="cell"/>, each with <paramref name="hiddenSize"/>
    /// units; parameters are named "layer1.W_hh" and so on. Example: <c>RecurrentStack.Create(new LstmSpec(), 65, 128, layers: 2)</c>.
    /// </summary>
    /// <param name="cell">The cell kind and its options.</param>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H of every layer.</param>
    /// <param name="layers">How many layers.</param>
    /// <param name="seed">Seed of the default initialisation (each layer gets its own stream).</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for every W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for every W_h·.</param>
    public static RecurrentStack Create(CellSpec cell, int inputSize, int hiddenSize, int layers = 2, int seed = 0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (layers <= 0)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "The number of layers must be positive (1 or 2 is typical).");
        var cells = new RecurrentCell[layers];
        for (int l = 0; l < layers; l++)
            cells[l] = cell.Create(l == 0 ? inputSize : hiddenSize, hiddenSize, seed: unchecked(seed * 7919 + l), name: $"layer{l + 1}.",
                inputInitializer: inputInitializer, recurrentInitializer: recurrentInitializer);
        return new RecurrentStack(cells);
    }

    /// <summary>The layers, bottom (reading x_t) first.</summary>
    public IReadOnlyList<RecurrentCell> Layers { get; }

    /// <summary>D, the input size of the bottom layer.</summary>
    public override int InputSize => Layers[0].InputSize;

    /// <summary>The hidden size of the top layer: the size of the stack's output.</summary>
    public override int OutputSize => Layers[^1].HiddenSize;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The all-zero state of every layer for <paramref name="batchSize"/> sequences.</summary>
    public override LayerStates ZeroState(int batchSize) => new(Layers.Select(c => c.ZeroState(batchSize)).ToArray());

    /// <summary>Runs every layer over the sequence, from <paramref name="initial"/> (one state per layer; zeros when null).</summary>
    public StackTrace Forward(SequenceInput inputs, IReadOnlyList<RecurrentState>? initial)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (initial is not null && initial.Count != Layers.Count)
            throw new ArgumentException($"There are {initial.Count} initial states for {Layers.Count} layers: give one state per layer (or null for zeros).", nameof(initial));
        var traces = new SequenceTrace[Layers.Count];
        var layerInput = inputs;
        for (int l = 0; l < Layers.Count; l++)
        {
            traces[l] = Layers[l].Forward(layerInput, initial?[l]);
            layerInput = SequenceInput.Dense(traces[l].Outputs);   // the next layer reads this layer's h_t
        }
        return new StackTrace(this, inputs, traces);
    }

    /// <summary>Runs every layer over the sequence from <paramref name="initial"/>: the <see cref="LayerStates"/> of
    /// one <see cref="RecurrentState"/> per layer (zeros when null).</summary>
    public override StackTrace Forward(SequenceInput inputs, LayerState? initial = null) =>
        Forward(inputs, initial is null ? null : LayerStates.Split(initial, Layers.Count, $"stack of {Layers.Count} layers", nameof(initial))
            .Select((part, l) => part as RecurrentState ?? throw new ArgumentException(
                $"Layer {l + 1} of the stack starts from a RecurrentState; got {(part is null ? "none" : $"a {part.GetType().Name}")}.", nameof(initial))).ToArray());

    /// <summary>
    /// BPTT through every layer, top first: <paramref name="outputGradients"/>[t] is dL/dh_t of the top
    /// layer (null for none). Accumulates every parameter gradient and returns each layer's dL/d(initial
    /// state) and ‖dL/dh_t‖ curve.
    /// </summary>
    public override StackGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace is not StackTrace { Layers: var layerTraces } || layerTraces.Count != Layers.Count)
            throw new ArgumentException($"The trace is not one of a stack of {Layers.Count} layers: pass the trace this stack's Forward returned.", nameof(trace));
        var finalStates = LayerStates.Split(finalStateGradient, Layers.Count, $"stack of {Layers.Count} layers", nameof(finalStateGradient));
        var initial = new RecurrentState[Layers.Count];
        var norms = new double[Layers.Count][];
        IReadOnlyList<Matrix<double>?> gradients = outputGradients;
        IReadOnlyList<Matrix<double>>? inputGradients = null;
        for (int l = Layers.Count - 1; l >= 0; l--)
        {
            var g = Layers[l].Backward(layerTraces[l], gradients, finalStates[l]);
            initial[l] = g.InitialState;
            norms[l] = g.HiddenGradientNorms;
            inputGradients = g.Inputs;
            gradients = g.Inputs!;   // the layer below receives dL/dx_t of this layer as its dL/dh_t
        }
        return new StackGradients(initial, norms, inputGradients);
    }
}

/// <summary>The forward record of a <see cref="RecurrentStack"/>: one <see cref="SequenceTrace"/> per layer, bottom first.</summary>
public sealed class StackTrace : LayerTrace
{
    internal StackTrace(RecurrentStack stack, SequenceInput inputs, IReadOnlyList<SequenceTrace> layers) : base(stack, inputs) => Layers = layers;

    /// <summary>One trace per layer, bottom first.</summary>
    public IReadOnlyList<SequenceTrace> Layers { get; }

    /// <summary>The top layer's h_1 … h_T.</summary>
    public override IReadOnlyList<Matrix<double>> Outputs => Layers[^1].Outputs;

    /// <summary>Every layer's state after the last step: what truncated BPTT carries on.</summary>
    public IReadOnlyList<RecurrentState> Final => Layers.Select(l => l.Final).ToArray();

    /// <inheritdoc />
    public override LayerStates FinalState => new(Final);
}

/// <summary>What <see cref="RecurrentStack.Backward"/> returns besides the accumulated parameter gradients.</summary>
/// <param name="InitialStates">dL/d(initial state) of each layer, bottom first.</param>
/// <param name="HiddenGradientNorms">‖dL/dh_t‖ for t = 1 … T, per layer (bottom first).</param>
/// <param name="Inputs">dL/dx_t of the bottom layer for dense inputs; null for one-hot ids.</param>
public sealed record StackGradients(IReadOnlyList<RecurrentState> InitialStates, IReadOnlyList<double[]> HiddenGradientNorms,
    IReadOnlyList<Matrix<double>>? Inputs) : LayerGradients(Inputs, new LayerStates(InitialStates));
