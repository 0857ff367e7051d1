using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// A recurrent cell: one set of weights applied at every time step, state_t = f(x_t, state_{t−1}).
/// This base class owns the loop over time — the forward pass from an initial state, and
/// backpropagation through time (BPTT), which walks the steps in reverse, adds the gradient arriving
/// from step t+1 to the gradient from step t's output, and accumulates every parameter's gradient.
/// Each cell (<see cref="RnnCell"/>, <see cref="LstmCell"/>, <see cref="GruCell"/>) writes only its
/// one-step equations. A cell is a <see cref="SequenceLayer"/> whose output y_t is h_t and whose state is a
/// <see cref="RecurrentState"/>.
/// </summary>
public abstract class RecurrentCell : SequenceLayer
{
    /// <summary>Checks the sizes and remembers them.</summary>
    protected RecurrentCell(int inputSize, int hiddenSize, string name)
    {
        if (inputSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The input size D must be positive (e.g. the vocabulary size for one-hot characters).");
        if (hiddenSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "The hidden size H must be positive (e.g. 32 or 100).");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Name = name ?? "";
    }

    /// <summary>
    /// Creates a cell of the given kind: <c>RecurrentCell.Create(CellKind.Lstm, 65, 128)</c>, the same as
    /// <c>CellSpec.Of(kind, activation, forgetBias).Create(…)</c> (a spec carries every option of its kind).
    /// <paramref name="activation"/> applies to <see cref="RnnCell"/> only, <paramref name="forgetBias"/> to <see cref="LstmCell"/> only.
    /// </summary>
    /// <param name="kind">RNN, LSTM or GRU.</param>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H, the size of h_t.</param>
    /// <param name="seed">Seed of the default uniform initialisation.</param>
    /// <param name="name">Prefix of the parameter names.</param>
    /// <param name="activation">φ of an RNN cell.</param>
    /// <param name="forgetBias">Initial forget-gate bias of an LSTM cell.</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for the input weights W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for the recurrent weights W_h·.</param>
    public static RecurrentCell Create(CellKind kind, int inputSize, int hiddenSize, int seed = 0, string name = "",
        RnnActivation activation = RnnActivation.Tanh, double forgetBias = 1.0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null) =>
        CellSpec.Of(kind, activation, forgetBias).Create(inputSize, hiddenSize, seed, name, inputInitializer, recurrentInitializer);

    /// <summary>D, the size of each input x_t.</summary>
    public override int InputSize { get; }

    /// <summary>H: a cell's output y_t is its hidden state h_t.</summary>
    public override int OutputSize => HiddenSize;

    /// <summary>H, the number of hidden units (rows of h_t).</summary>
    public int HiddenSize { get; }

    /// <summary>A prefix of the parameter names, e.g. "layer1." inside a stack.</summary>
    public string Name { get; }

    /// <summary>Which kind of cell this is, as messages and summaries name it ("Lstm").</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the state carries a cell state c besides h (the LSTM's memory).</summary>
    public virtual bool HasCellState => false;

    /// <summary>The all-zero state for <paramref name="batchSize"/> sequences.</summary>
    public override RecurrentState ZeroState(int batchSize)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size B must be positive.");
        return RecurrentState.Zeros(HiddenSize, batchSize, HasCellState);
    }

    /// <summary>
    /// Runs the cell over x_1 … x_T from <paramref name="initial"/> (zeros when null), keeping what
    /// the backward pass needs.
    /// </summary>
    public override SequenceTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Size != InputSize)
            throw new ArgumentException($"The inputs have size D = {inputs.Size} but this {Kind} cell expects input size {InputSize}.", nameof(inputs));
        var start = AsRecurrentState(initial, nameof(initial)) ?? ZeroState(inputs.BatchSize);
        CheckState(start, inputs.BatchSize, nameof(initial));
        var state = start;
        var steps = new CellStep[inputs.Length];
        for (int t = 0; t < inputs.Length; t++)
        {
            steps[t] = StepForward(inputs, t, state);
            state = steps[t].State;
        }
        return new SequenceTrace(this, inputs, start, steps);
    }

    /// <summary>
    /// Backpropagation through time over a trace of this cell. <paramref name="outputGradients"/>[t]
    /// is dL/dh_t from whatever reads h_t (an output layer, the layer above; null means none);
    /// <paramref name="finalStateGradient"/> is the gradient arriving at the last state (null: none,
    /// as at the end of a truncated window). Adds into every parameter's gradient (zero them first)
    /// and returns dL/d(initial state), the norms ‖dL/dh_t‖ and, for dense inputs, dL/dx_t.
    /// </summary>
    public override SequenceGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace is not SequenceTrace own || !ReferenceEquals(own.Cell, this))
            throw new ArgumentException("This trace was recorded by a different cell: pass the trace this cell's Forward returned.", nameof(trace));
        CheckOutputGradients(trace, outputGradients, "h");
        int T = own.Length, B = own.Inputs.BatchSize;

        var dState = AsRecurrentState(finalStateGradient, nameof(finalStateGradient)) ?? ZeroState(B);
        CheckState(dState, B, nameof(finalStateGradient));
        var norms = new double[T];
        var dInputs = own.Inputs.IsOneHot ? null : new Matrix<double>[T];
        for (int t = T - 1; t >= 0; t--)
        {
            // dL/dh_t = what h_t's reader sends + what step t+1 sends back through W_hh.
            var dHidden = outputGradients[t] is { } dOut ? dState.Hidden + dOut : dState.Hidden;
            norms[t] = dHidden.FrobeniusNorm();
            var dx = dInputs is null ? null : Matrix<double>.Build.Dense(InputSize, B);
            dState = StepBackward(own.Inputs, t, own.Steps[t], own.StateBefore(t), dState with { Hidden = dHidden }, dx);
            if (dInputs is not null) dInputs[t] = dx!;
        }
        return new SequenceGradients(dState, norms, dInputs);
    }

    /// <summary>One step forward: the new state (and gate values) from x_t and the previous state.</summary>
    protected abstract CellStep StepForward(SequenceInput x, int t, RecurrentState previous);

    /// <summary>
    /// One step backward: given dL/d(state_t) in <paramref name="dState"/>, accumulates the parameter
    /// gradients, adds dL/dx_t into <paramref name="dx"/> (when not null) and returns dL/d(state_{t−1}).
    /// </summary>
    protected abstract RecurrentState StepBackward(SequenceInput x, int t, CellStep step, RecurrentState previous, RecurrentState dState, Matrix<double>? dx);

    // ---- shared building blocks of the cells' equations ----

    /// <summary>A weight matrix drawn from <paramref name="initializer"/>, or by default uniformly from
    /// ±1/√H (PyTorch's default for recurrent layers).</summary>
    protected Parameter Weight(string name, int rows, int columns, Random random, Func<int, int, Random, Matrix<double>>? initializer)
    {
        var value = initializer?.Invoke(rows, columns, random)
            ?? Matrix<double>.Build.Dense(rows, columns, (_, _) => (2 * random.NextDouble() - 1) / Math.Sqrt(HiddenSize));
        if (value.RowCount != rows || value.ColumnCount != columns)
            throw new ArgumentException($"The initializer returned a {value.RowCount}×{value.ColumnCount} matrix for {Name}{name}, which must be {rows}×{columns}.", nameof(initializer));
        // The maths works on dense column-major storage; copy anything else (e.g. a sparse identity) into it.
        return new Parameter(Name + name, value.AsColumnMajorArray() is null ? Matrix<double>.Build.DenseOfMatrix(value) : value);
    }

    /// <summary>The three parameters of a gate g: W_xg (H×D), W_hg (H×H) and b_g (H×1, filled with <paramref name="bias"/>).</summary>
    protected (Parameter Wx, Parameter Wh, Parameter B) Gate(string gate, Random random,
        Func<int, int, Random, Matrix<double>>? inputInitializer, Func<int, int, Random, Matrix<double>>? recurrentInitializer, double bias = 0) =>
        (Weight($"W_x{gate}", HiddenSize, InputSize, random, inputInitializer),
         Weight($"W_h{gate}", HiddenSize, HiddenSize, random, recurrentInitializer),
         Bias($"b_{gate}", bias));

    /// <summary>A bias column (H×1) filled with <paramref name="value"/>.</summary>
    protected Parameter Bias(string name, double value = 0) =>
        new(Name + name, Matrix<double>.Build.Dense(HiddenSize, 1, value));

    /// <summary>The pre-activation of a layer or gate: W_x·x_t + W_h·h + b (b added to every column).</summary>
    protected static Matrix<double> Affine(Parameter wx, Parameter wh, Parameter b, SequenceInput x, int t, Matrix<double> h)
    {
        var z = x.Project(wx.Value, t);
        ProductAccumulation.AddProduct(z, wh.Value, false, h, false);      // + W_h·h
        var zs = z.AsColumnMajorArray();
        var bias = b.Value.AsColumnMajorArray();
        for (int j = 0, rows = z.RowCount; j < z.ColumnCount; j++)
            for (int i = 0; i < rows; i++)
                zs[j * rows + i] += bias[i];
        return z;
    }

    /// <summary>
    /// The backward pass of <see cref="Affine"/> for δ = dL/dz: dW_x += δ·x_tᵀ, dW_h += δ·hᵀ,
    /// db += Σ_columns δ, dh += W_hᵀ·δ and (when not null) dx += W_xᵀ·δ.
    /// </summary>
    protected static void AffineBackward(Parameter wx, Parameter wh, Parameter b, SequenceInput x, int t, Matrix<double> h,
        Matrix<double> delta, Matrix<double> dh, Matrix<double>? dx)
    {
        x.AccumulateWeightGradient(wx.Gradient, delta, t);
        ProductAccumulation.AddProduct(wh.Gradient, delta, false, h, true);     // dW_h += δ·hᵀ
        var deltas = delta.AsColumnMajorArray();
        var db = b.Gradient.AsColumnMajorArray();
        for (int j = 0, rows = delta.RowCount; j < delta.ColumnCount; j++)
            for (int i = 0; i < rows; i++)
                db[i] += deltas[j * rows + i];
        ProductAccumulation.AddProduct(dh, wh.Value, true, delta, false);       // dh += W_hᵀ·δ
        if (dx is not null) ProductAccumulation.AddProduct(dx, wx.Value, true, delta, false); // dx += W_xᵀ·δ
    }

    /// <summary>σ(z) = 1 / (1 + e^−z), entry by entry: a gate's "how much", between 0 and 1.</summary>
    protected static Matrix<double> Sigmoid(Matrix<double> z) => EntryByEntry(z, v => 1 / (1 + Math.Exp(-v)));

    /// <summary>tanh(z), entry by entry.</summary>
    protected static Matrix<double> Tanh(Matrix<double> z) => EntryByEntry(z, Math.Tanh);

    /// <summary>σ'(z) written with its output s = σ(z): s(1 − s).</summary>
    protected static Matrix<double> SigmoidSlope(Matrix<double> s) => EntryByEntry(s, v => v * (1 - v));

    /// <summary>tanh'(z) written with its output a = tanh(z): 1 − a².</summary>
    protected static Matrix<double> TanhSlope(Matrix<double> a) => EntryByEntry(a, v => 1 - v * v);

    /// <summary>f applied to every entry, into a new matrix (a plain loop: MathNet's Map may
    /// parallelise, which costs more than it saves on H×B matrices this small).</summary>
    protected static Matrix<double> EntryByEntry(Matrix<double> m, Func<double, double> f)
    {
        var result = Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount);
        var source = m.AsColumnMajorArray() ?? m.ToColumnMajorArray();
        var target = result.AsColumnMajorArray();
        for (int i = 0; i < target.Length; i++) target[i] = f(source[i]);
        return result;
    }

    RecurrentState? AsRecurrentState(LayerState? state, string argument) => state switch
    {
        null => null,
        RecurrentState recurrent => recurrent,
        _ => throw new ArgumentException($"A {Kind} cell's state is a RecurrentState (h{(HasCellState ? ", c" : "")}); got a {state.GetType().Name}. Pass null for zeros, or cell.ZeroState(B).", argument),
    };

    void CheckState(RecurrentState state, int batchSize, string argument)
    {
        if (state.Hidden.RowCount != HiddenSize || state.Hidden.ColumnCount != batchSize)
            throw new ArgumentException($"The state's h is {state.Hidden.RowCount}×{state.Hidden.ColumnCount} but this cell needs H×B = {HiddenSize}×{batchSize}.", argument);
        if (state.Hidden.AsColumnMajorArray() is null || state.Cell is { } c && c.AsColumnMajorArray() is null)
            throw new ArgumentException("The state must hold dense matrices: build it with Matrix<double>.Build.Dense or cell.ZeroState(B).", argument);
        if (HasCellState && (state.Cell is null || state.Cell.RowCount != HiddenSize || state.Cell.ColumnCount != batchSize))
            throw new ArgumentException($"An LSTM state needs a cell state c of {HiddenSize}×{batchSize}; got {(state.Cell is null ? "none" : $"{state.Cell.RowCount}×{state.Cell.ColumnCount}")}. Start from cell.ZeroState(B).", argument);
    }
}
