using System.Numerics;
using System.Runtime.CompilerServices;
using RnnNotebooks.Cores;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// One recurrent layer of the fast path over a whole window, as <see cref="LanguageModelKernel"/> sees it: its
/// inputs, outputs and gradients in float64 whatever the layer computes in (<see cref="LayerKernel{F}"/>).
/// </summary>
internal abstract class LayerKernel
{
    /// <summary>Builds the kernel of one reference layer computing in <paramref name="precision"/>, or null for a
    /// cell with no fast path.</summary>
    public static LayerKernel? For(RecurrentCell cell, bool oneHotInput, FloatPrecision precision) =>
        precision == FloatPrecision.Float32 ? For<float>(cell, oneHotInput) : For<double>(cell, oneHotInput);

    static LayerKernel? For<F>(RecurrentCell cell, bool oneHotInput) where F : unmanaged, IFloatingPointIeee754<F> => cell switch
    {
        RnnCell rnn => new RnnKernel<F>(rnn, oneHotInput),
        LstmCell lstm => new LstmKernel<F>(lstm, oneHotInput),
        GruCell gru => new GruKernel<F>(gru, oneHotInput),
        _ => null,
    };

    /// <summary>h_1 … h_T (H×TB): what the layer above, or the output layer, reads.</summary>
    public abstract ReadOnlyMemory<double> Outputs { get; }

    /// <summary>dL/dh_1 … dL/dh_T from above (H×TB): the caller fills it before <see cref="Backward"/>;
    /// the recurrence adds its own part inside.</summary>
    public abstract Span<double> OutputGradient { get; }

    /// <summary>Whether <paramref name="parameter"/> is one of this layer's.</summary>
    public abstract bool Owns(Parameter parameter);

    /// <summary>Zeroes every gradient of this layer (a diverged step reports none).</summary>
    public abstract void ZeroGradients();

    /// <summary>Whether <paramref name="state"/> has exactly the shapes this layer can start from.</summary>
    public abstract bool Fits(RecurrentState? state, int batchSize);

    /// <summary>Writes the state after the window's final step (h_T, and c_T for an LSTM) into
    /// <paramref name="carried"/>, which must <see cref="Fits"/>: the model owns the carried state, the kernel only
    /// reads and overwrites it, so a warm training step allocates nothing.</summary>
    public abstract void WriteFinalState(RecurrentState carried);

    /// <summary>
    /// h_1 … h_T (and c_1 … c_T) over a window of <paramref name="length"/> steps of <paramref name="batchSize"/>
    /// sequences from <paramref name="initial"/> (zeros when null): the input is <paramref name="ids"/> for a
    /// one-hot layer, else <paramref name="dense"/> (D×TB, step t's columns at t·B).
    /// </summary>
    public abstract void Forward(int[][] ids, ReadOnlyMemory<double> dense, RecurrentState? initial, int length, int batchSize);

    /// <summary>
    /// BPTT over the window from <see cref="OutputGradient"/>, one step at a time from the last; then every weight
    /// gradient of the layer in one pass, zeroed first. Returns ‖dL/dh_t‖ for t = 1 … T.
    /// </summary>
    public abstract double[] Backward();

    /// <summary>After <see cref="Backward"/> on a dense input: <paramref name="target"/> (D×TB) += dL/dX = Σ_g W_xgᵀ·Δ_g.</summary>
    public abstract void AddInputGradient(Span<double> target);

    /// <summary>Writes <paramref name="source"/> into <paramref name="target"/>, rounded to the nearest value of the target's type.</summary>
    protected static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> target)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        if (typeof(TFrom) == typeof(TTo))
        {
            source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<TTo, TFrom>(target));
            return;
        }
        for (int i = 0; i < source.Length; i++) target[i] = TTo.CreateTruncating(source[i]);
    }
}

/// <summary>
/// One recurrent layer of the fast path over a whole window (<see cref="LanguageModelKernel"/> stacks them),
/// computing in <typeparamref name="F"/> (float64, or float32 on request): the same maths as the reference cells,
/// laid out for speed.
/// <list type="bullet">
/// <item>Every time step's columns sit side by side (H×(T·B)), so the weight gradients after the backward
/// loop are one matrix product each; only W_h·h_{t−1} and W_hᵀ·δ_t stay inside the loop.</item>
/// <item>One-hot input (the bottom layer of a model without an embedding) is a column lookup forward and a
/// column scatter backward. Dense input (an embedding's vectors, or the layer below's h_1 … h_T) is projected
/// for the whole window at once before the loop, W_x·[x_1 … x_T], one product per gate; backward,
/// dW_x = Δ·Xᵀ and dL/dX = Σ W_xᵀ·Δ are one product each.</item>
/// <item>Buffers live as long as the kernel and are reused while T and B stay the same: a training
/// step allocates only its ‖dL/dh_t‖ array.</item>
/// <item>Products go through <see cref="DenseProduct"/> (256-bit FMA; the large ones split their
/// columns over two threads).</item>
/// <item>Each time step is split by hidden units between two cores (<see cref="SecondCore"/>):
/// rows [0, <see cref="Split"/>) of every gate in one half, the rest in the other. A batch of one
/// has no other parallelism, and each core then reads only its half of W_h, which stays in its own L2
/// cache instead of streaming all of W_h from the shared L3 every step. The halves write disjoint
/// rows and sum in the same order on one thread or two, so the result does not depend on the cores.
/// A cell whose step needs all rows of one part before the next (the GRU's reset gate comes before
/// W_hn·(r⊙h)) splits each step into <see cref="Parts"/>, one hand-over each.</item>
/// <item>Each half packs its rows of W_h into a contiguous block at the start of the forward pass
/// (and, for wide batches, its rows of W_hᵀ at the start of BPTT). A half's rows of a column-major
/// W_h are 64-double pieces a whole column apart: such a pattern uses only half of the L2 cache's
/// sets, so the 256 KB a half reads every step (H = 128, four gates) did not stay in L2 and each
/// step's matrix-vector products ran about 1.5× slower than on the packed copy.</item>
/// <item>In float64 the layer reads the parameters' own storage and writes their gradients in place. In float32
/// it keeps float32 copies of the weights, refreshed from the float64 parameters at the start of every window,
/// and its float32 gradients are rounded back into theirs at the end: the optimiser, clipping and saved
/// models stay float64.</item>
/// </list>
/// Subclasses write the cell's recurrence on a block of rows (<see cref="RnnKernel{F}"/>,
/// <see cref="LstmKernel{F}"/>, <see cref="GruKernel{F}"/>); a test holds loss and every gradient in float64
/// equal to the reference to 1e-12.
/// </summary>
internal abstract partial class LayerKernel<F> : LayerKernel, IHalves where F : unmanaged, IFloatingPointIeee754<F>
{
    readonly IReadOnlyList<Parameter> _cellParameters;
    readonly F[][] _forwardPacked, _backwardPacked, _deltas;
    readonly Weights[] _weights;
    F[] _outputGradient = [], _inputT = [], _input = [], _inputGradient = [];
    ReadOnlyMemory<F> _dense;
    double[] _normParts = [], _outputs = [], _outputGradient64 = [];
    int[][] _ids = [];
    Phase _phase;
    int _step, _part;

    // What IHalves.Run does: one part of a time step forward or backward, or the weight gradients after BPTT.
    enum Phase { Forward, Backward, Accumulate }

    // One gate's W_x, W_h and b and their gradients, in F: the parameters' own arrays in float64, copies in float32.
    readonly record struct Weights(F[] Wx, F[] Wh, F[] B, F[] DWx, F[] DWh, F[] DB);

    static bool Float64 => typeof(F) == typeof(double);

    /// <param name="cell">The reference cell whose parameters the kernel reads and whose gradients it fills.</param>
    /// <param name="hasCell">Whether the state has a cell memory c (LSTM).</param>
    /// <param name="oneHotInput">Whether the input is ids (D = V, looked up) rather than dense vectors.</param>
    /// <param name="gates">Each gate's (W_x, W_h, b) in the cell's parameter order.</param>
    protected LayerKernel(RecurrentCell cell, bool hasCell, bool oneHotInput, params (Parameter Wx, Parameter Wh, Parameter B)[] gates)
    {
        D = cell.InputSize;
        H = cell.HiddenSize;
        _cellParameters = cell.Parameters;
        HasCell = hasCell;
        OneHotInput = oneHotInput;
        Gates = gates;
        _forwardPacked = new F[gates.Length][];
        _backwardPacked = new F[gates.Length][];
        _deltas = new F[gates.Length][];
        _weights = [.. gates.Select(g => new Weights(Storage(g.Wx.Value), Storage(g.Wh.Value), Storage(g.B.Value),
            Storage(g.Wx.Gradient), Storage(g.Wh.Gradient), Storage(g.B.Gradient)))];
    }

    /// <summary>The gates of a cell whose parameters come in threes, (W_x, W_h, b) gate after gate (LstmCell, GruCell).</summary>
    protected static (Parameter Wx, Parameter Wh, Parameter B)[] GatesOf(IReadOnlyList<Parameter> parameters) =>
        [.. Enumerable.Range(0, parameters.Count / 3).Select(g => (parameters[3 * g], parameters[3 * g + 1], parameters[3 * g + 2]))];

    // A matrix's column-major array as F[]: the array itself in float64, a float32 copy to refresh otherwise.
    static F[] Storage(MathNet.Numerics.LinearAlgebra.Matrix<double> m)
    {
        var array = m.AsColumnMajorArray() ?? throw new ArgumentException("The fast path needs dense parameter matrices.");
        return Float64 ? Unsafe.As<F[]>(array) : new F[array.Length];
    }

    /// <summary>D, the size of x_t (V for one-hot input).</summary>
    protected int D { get; }
    protected int H { get; }
    protected int T { get; private set; }
    protected int B { get; private set; }
    protected bool HasCell { get; }
    protected bool OneHotInput { get; }

    /// <summary>Each gate's (W_x, W_h, b) parameters, in the cell's parameter order.</summary>
    protected (Parameter Wx, Parameter Wh, Parameter B)[] Gates { get; }

    /// <summary>Gate g's W_x (H×D), W_h (H×H) and b (H) in F, column-major.</summary>
    protected F[] InputWeights(int gate) => _weights[gate].Wx;
    protected F[] RecurrentWeights(int gate) => _weights[gate].Wh;
    protected F[] Bias(int gate) => _weights[gate].B;

    /// <summary>How many hand-overs each time step needs, forward and backward (1 unless a part needs all
    /// rows of the one before).</summary>
    protected virtual int Parts => 1;

    /// <summary>h_0 … h_T, block t (H×B) at offset t·H·B; block 0 is the state carried in.</summary>
    protected F[] Hidden { get; private set; } = [];

    /// <summary>c_0 … c_T for cells with a memory (LSTM); empty otherwise.</summary>
    protected F[] CellStates { get; private set; } = [];

    /// <summary>δ of gate g at every step (H×TB): dL/d(pre-activation), what the weight gradients are made of.</summary>
    protected Span<F> Delta(int gate) => _deltas[gate];

    public override ReadOnlyMemory<double> Outputs =>
        Float64 ? Unsafe.As<double[]>(Hidden).AsMemory(H * B, H * T * B) : _outputs.AsMemory(0, H * T * B);

    public override Span<double> OutputGradient => Float64 ? Unsafe.As<double[]>(_outputGradient) : _outputGradient64;

    public override bool Owns(Parameter parameter)
    {
        for (int i = 0; i < _cellParameters.Count; i++)
            if (ReferenceEquals(_cellParameters[i], parameter)) return true;
        return false;
    }

    public override void ZeroGradients()
    {
        for (int p = 0; p < _cellParameters.Count; p++) _cellParameters[p].ZeroGradient();
    }

    public override bool Fits(RecurrentState? state, int batchSize) =>
        state is null || state.Hidden.RowCount == H && state.Hidden.ColumnCount == batchSize && state.Hidden.AsColumnMajorArray() is not null
            && (HasCell ? state.Cell is { } c && c.RowCount == H && c.ColumnCount == batchSize && c.AsColumnMajorArray() is not null : state.Cell is null);

    public override void WriteFinalState(RecurrentState carried)
    {
        int hb = H * B;
        Convert<F, double>(Hidden.AsSpan(T * hb, hb), carried.Hidden.AsColumnMajorArray());
        if (HasCell) Convert<F, double>(CellStates.AsSpan(T * hb, hb), carried.Cell!.AsColumnMajorArray());
    }

    public override void Forward(int[][] ids, ReadOnlyMemory<double> dense, RecurrentState? initial, int length, int batchSize)
    {
        Resize(length, batchSize);
        if (!Float64) RefreshWeights();
        int hb = H * B;
        var h0 = Hidden.AsSpan(0, hb);
        if (initial is not null)
        {
            Convert<double, F>(initial.Hidden.AsColumnMajorArray(), h0);
            if (HasCell) Convert<double, F>(initial.Cell!.AsColumnMajorArray(), CellStates.AsSpan(0, hb));
        }
        else
        {
            h0.Clear();
            if (HasCell) CellStates.AsSpan(0, hb).Clear();
        }
        _ids = ids;
        if (!OneHotInput)
        {
            if (Float64) _dense = Unsafe.As<ReadOnlyMemory<double>, ReadOnlyMemory<F>>(ref dense);
            else
            {
                Convert<double, F>(dense.Span, _input);
                _dense = _input;
            }
            ProjectWindow();
        }
        _phase = Phase.Forward;
        for (_step = 0; _step < T; _step++)
            for (_part = 0; _part < Parts; _part++) SecondCore.Run(this);
        if (!Float64) Convert<F, double>(Hidden.AsSpan(hb, H * T * B), _outputs);
    }

    public override double[] Backward()
    {
        if (!Float64) Convert<double, F>(_outputGradient64, _outputGradient);
        _phase = Phase.Backward;
        for (_step = T - 1; _step >= 0; _step--)
            for (_part = 0; _part < Parts; _part++) SecondCore.Run(this);
        _phase = Phase.Accumulate;
        SecondCore.Run(this);
        if (!Float64) RoundGradients();
        var norms = new double[T];
        for (int t = 0; t < T; t++) norms[t] = Math.Sqrt(_normParts[2 * t] + _normParts[2 * t + 1]);
        return norms;
    }

    public override void AddInputGradient(Span<double> target)
    {
        int n = T * B;
        Span<F> sum = Float64 ? System.Runtime.InteropServices.MemoryMarshal.Cast<double, F>(target) : _inputGradient;
        if (!Float64) sum.Clear();
        for (int g = 0; g < Gates.Length; g++)
        {
            DenseProduct.Transpose<F>(InputWeights(g), H, D, _inputT);
            DenseProduct.AddProduct<F>(sum, _inputT, _deltas[g].AsSpan(0, H * n), D, H, n);
        }
        if (!Float64)
            for (int i = 0; i < target.Length; i++) target[i] += double.CreateTruncating(sum[i]);
    }

    /// <summary>Part <paramref name="part"/> of step t on rows r₀…r₁: h_t (and c_t) from h_{t−1}, for every sequence of the batch.</summary>
    protected abstract void ForwardStep(int t, int part, int r0, int r1);

    /// <summary>
    /// Part <paramref name="part"/> of one step of BPTT on rows r₀…r₁: first dL/dh_t's recurrent part from step
    /// t + 1's deltas (all rows of them: the other half wrote theirs in the previous hand-over), then dL/dh_t = that
    /// + the gradient from above, <paramref name="output"/> (<see cref="AddOutputGradient"/>), then the step's deltas.
    /// </summary>
    protected abstract void BackwardStep(int t, int part, ReadOnlySpan<F> output, int r0, int r1);

    /// <summary>Gate g's pre-activations at every step (H×TB): where the input projection is written before W_h·h is
    /// added (the buffer may then be overwritten by the activation).</summary>
    protected abstract Span<F> PreActivations(int gate);

    /// <summary>What gate g's W_h multiplies at every step (H×TB): h_0 … h_{T−1} unless the cell says otherwise.</summary>
    protected virtual ReadOnlySpan<F> RecurrentInput(int gate) => Hidden.AsSpan(0, H * T * B);

    /// <summary>Called when T or B changes: (re)allocate the cell's own buffers.</summary>
    protected abstract void Allocate();

    // float32: this window's weights from the float64 parameters the optimiser updated.
    void RefreshWeights()
    {
        for (int g = 0; g < Gates.Length; g++)
        {
            Convert<double, F>(Gates[g].Wx.Value.AsColumnMajorArray(), _weights[g].Wx);
            Convert<double, F>(Gates[g].Wh.Value.AsColumnMajorArray(), _weights[g].Wh);
            Convert<double, F>(Gates[g].B.Value.AsColumnMajorArray(), _weights[g].B);
        }
    }

    // float32: the gradients into the float64 parameters (Accumulate wrote every entry of them).
    void RoundGradients()
    {
        for (int g = 0; g < Gates.Length; g++)
        {
            Convert<F, double>(_weights[g].DWx, Gates[g].Wx.Gradient.AsColumnMajorArray());
            Convert<F, double>(_weights[g].DWh, Gates[g].Wh.Gradient.AsColumnMajorArray());
            Convert<F, double>(_weights[g].DB, Gates[g].B.Gradient.AsColumnMajorArray());
        }
    }

    void Resize(int t, int b)
    {
        if (t == T && b == B) return;
        T = t;
        B = b;
        int n = t * b;
        Hidden = new F[H * (n + b)];
        CellStates = HasCell ? new F[H * (n + b)] : [];
        _outputGradient = new F[H * n];
        _normParts = new double[2 * t];
        _inputT = OneHotInput ? [] : new F[D * H];
        _input = OneHotInput || Float64 ? [] : new F[D * n];
        _inputGradient = OneHotInput || Float64 ? [] : new F[D * n];
        _outputs = Float64 ? [] : new double[H * n];
        _outputGradient64 = Float64 ? [] : new double[H * n];
        for (int g = 0; g < Gates.Length; g++)
        {
            _forwardPacked[g] = new F[H * H];
            _backwardPacked[g] = Narrow ? [] : new F[H * H];
            _deltas[g] = new F[H * n];
        }
        Allocate();
    }
}
