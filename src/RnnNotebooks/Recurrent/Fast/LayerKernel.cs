using RnnNotebooks.Cores;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// One recurrent layer of the fast path over a whole window (<see cref="LanguageModelKernel"/> stacks them):
/// the same maths as the reference cells, laid out for speed.
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
/// </list>
/// Subclasses write the cell's recurrence on a block of rows (<see cref="RnnKernel"/>,
/// <see cref="LstmKernel"/>, <see cref="GruKernel"/>); a test holds loss and every gradient equal to the
/// reference to 1e-12.
/// </summary>
internal abstract partial class LayerKernel : IHalves
{
    readonly IReadOnlyList<Parameter> _cellParameters;
    readonly double[][] _forwardPacked, _backwardPacked, _deltas;
    double[] _normParts = [], _outputGradient = [], _inputT = [];
    int[][] _ids = [];
    ReadOnlyMemory<double> _input;
    Phase _phase;
    int _step, _part;

    // What IHalves.Run does: one part of a time step forward or backward, or the weight gradients after BPTT.
    enum Phase { Forward, Backward, Accumulate }

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
        _forwardPacked = new double[gates.Length][];
        _backwardPacked = new double[gates.Length][];
        _deltas = new double[gates.Length][];
    }

    /// <summary>Builds the kernel of one reference layer, or null for a cell with no fast path.</summary>
    public static LayerKernel? For(RecurrentCell cell, bool oneHotInput) => cell switch
    {
        RnnCell rnn => new RnnKernel(rnn, oneHotInput),
        LstmCell lstm => new LstmKernel(lstm, oneHotInput),
        GruCell gru => new GruKernel(gru, oneHotInput),
        _ => null,
    };

    /// <summary>D, the size of x_t (V for one-hot input).</summary>
    protected int D { get; }
    protected int H { get; }
    protected int T { get; private set; }
    protected int B { get; private set; }
    protected bool HasCell { get; }
    protected bool OneHotInput { get; }

    /// <summary>Each gate's (W_x, W_h, b), in the cell's parameter order.</summary>
    protected (Parameter Wx, Parameter Wh, Parameter B)[] Gates { get; }

    /// <summary>How many hand-overs each time step needs, forward and backward (1 unless a part needs all
    /// rows of the one before).</summary>
    protected virtual int Parts => 1;

    /// <summary>h_0 … h_T, block t (H×B) at offset t·H·B; block 0 is the state carried in.</summary>
    protected double[] Hidden { get; private set; } = [];

    /// <summary>c_0 … c_T for cells with a memory (LSTM); empty otherwise.</summary>
    protected double[] CellStates { get; private set; } = [];

    /// <summary>δ of gate g at every step (H×TB): dL/d(pre-activation), what the weight gradients are made of.</summary>
    protected Span<double> Delta(int gate) => _deltas[gate];

    /// <summary>h_1 … h_T (H×TB): what the layer above, or the output layer, reads.</summary>
    public ReadOnlyMemory<double> Outputs => Hidden.AsMemory(H * B, H * T * B);

    /// <summary>dL/dh_1 … dL/dh_T from above (H×TB): the caller fills it before <see cref="Backward"/>;
    /// the recurrence adds its own part inside.</summary>
    public Span<double> OutputGradient => _outputGradient;

    /// <summary>Whether <paramref name="parameter"/> is one of this layer's.</summary>
    public bool Owns(Parameter parameter)
    {
        for (int i = 0; i < _cellParameters.Count; i++)
            if (ReferenceEquals(_cellParameters[i], parameter)) return true;
        return false;
    }

    /// <summary>Zeroes every gradient of this layer (a diverged step reports none).</summary>
    public void ZeroGradients()
    {
        for (int p = 0; p < _cellParameters.Count; p++) _cellParameters[p].ZeroGradient();
    }

    /// <summary>Whether <paramref name="state"/> has exactly the shapes this layer can start from.</summary>
    public bool Fits(RecurrentState? state, int batchSize) =>
        state is null || state.Hidden.RowCount == H && state.Hidden.ColumnCount == batchSize && state.Hidden.AsColumnMajorArray() is not null
            && (HasCell ? state.Cell is { } c && c.RowCount == H && c.ColumnCount == batchSize && c.AsColumnMajorArray() is not null : state.Cell is null);

    /// <summary>Writes the state after the window's final step (h_T, and c_T for an LSTM) into
    /// <paramref name="carried"/>, which must <see cref="Fits"/>: the model owns the carried state, the kernel only
    /// reads and overwrites it, so a warm training step allocates nothing.</summary>
    public void WriteFinalState(RecurrentState carried)
    {
        int hb = H * B;
        Hidden.AsSpan(T * hb, hb).CopyTo(carried.Hidden.AsColumnMajorArray());
        if (HasCell) CellStates.AsSpan(T * hb, hb).CopyTo(carried.Cell!.AsColumnMajorArray());
    }

    /// <summary>
    /// h_1 … h_T (and c_1 … c_T) over a window of <paramref name="length"/> steps of <paramref name="batchSize"/>
    /// sequences from <paramref name="initial"/> (zeros when null): the input is <paramref name="ids"/> for a
    /// one-hot layer, else <paramref name="dense"/> (D×TB, step t's columns at t·B).
    /// </summary>
    public void Forward(int[][] ids, ReadOnlyMemory<double> dense, RecurrentState? initial, int length, int batchSize)
    {
        Resize(length, batchSize);
        int hb = H * B;
        var h0 = Hidden.AsSpan(0, hb);
        if (initial is not null)
        {
            initial.Hidden.AsColumnMajorArray().CopyTo(h0);
            if (HasCell) initial.Cell!.AsColumnMajorArray().CopyTo(CellStates.AsSpan(0, hb));
        }
        else
        {
            h0.Clear();
            if (HasCell) CellStates.AsSpan(0, hb).Clear();
        }
        _ids = ids;
        _input = dense;
        if (!OneHotInput) ProjectWindow();
        _phase = Phase.Forward;
        for (_step = 0; _step < T; _step++)
            for (_part = 0; _part < Parts; _part++) SecondCore.Run(this);
    }

    /// <summary>
    /// BPTT over the window from <see cref="OutputGradient"/>, one step at a time from the last; then every weight
    /// gradient of the layer in one pass, zeroed first. Returns ‖dL/dh_t‖ for t = 1 … T.
    /// </summary>
    public double[] Backward()
    {
        _phase = Phase.Backward;
        for (_step = T - 1; _step >= 0; _step--)
            for (_part = 0; _part < Parts; _part++) SecondCore.Run(this);
        _phase = Phase.Accumulate;
        SecondCore.Run(this);
        var norms = new double[T];
        for (int t = 0; t < T; t++) norms[t] = Math.Sqrt(_normParts[2 * t] + _normParts[2 * t + 1]);
        return norms;
    }

    /// <summary>After <see cref="Backward"/> on a dense input: <paramref name="target"/> (D×TB) += dL/dX = Σ_g W_xgᵀ·Δ_g.</summary>
    public void AddInputGradient(Span<double> target)
    {
        int n = T * B;
        for (int g = 0; g < Gates.Length; g++)
        {
            DenseProduct.Transpose(Gates[g].Wx.Value.AsColumnMajorArray(), H, D, _inputT);
            DenseProduct.AddProduct(target, _inputT, _deltas[g].AsSpan(0, H * n), D, H, n);
        }
    }

    /// <summary>Part <paramref name="part"/> of step t on rows r₀…r₁: h_t (and c_t) from h_{t−1}, for every sequence of the batch.</summary>
    protected abstract void ForwardStep(int t, int part, int r0, int r1);

    /// <summary>
    /// Part <paramref name="part"/> of one step of BPTT on rows r₀…r₁: first dL/dh_t's recurrent part from step
    /// t + 1's deltas (all rows of them: the other half wrote theirs in the previous hand-over), then dL/dh_t = that
    /// + the gradient from above, <paramref name="output"/> (<see cref="AddOutputGradient"/>), then the step's deltas.
    /// </summary>
    protected abstract void BackwardStep(int t, int part, ReadOnlySpan<double> output, int r0, int r1);

    /// <summary>Gate g's pre-activations at every step (H×TB): where the input projection is written before W_h·h is
    /// added (the buffer may then be overwritten by the activation).</summary>
    protected abstract Span<double> PreActivations(int gate);

    /// <summary>What gate g's W_h multiplies at every step (H×TB): h_0 … h_{T−1} unless the cell says otherwise.</summary>
    protected virtual ReadOnlySpan<double> RecurrentInput(int gate) => Hidden.AsSpan(0, H * T * B);

    /// <summary>Called when T or B changes: (re)allocate the cell's own buffers.</summary>
    protected abstract void Allocate();

    void Resize(int t, int b)
    {
        if (t == T && b == B) return;
        T = t;
        B = b;
        int n = t * b;
        Hidden = new double[H * (n + b)];
        CellStates = HasCell ? new double[H * (n + b)] : [];
        _outputGradient = new double[H * n];
        _normParts = new double[2 * t];
        _inputT = OneHotInput ? [] : new double[D * H];
        for (int g = 0; g < Gates.Length; g++)
        {
            _forwardPacked[g] = new double[H * H];
            _backwardPacked[g] = Narrow ? [] : new double[H * H];
            _deltas[g] = new double[H * n];
        }
        Allocate();
    }
}
