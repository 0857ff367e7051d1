using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Cores;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// The fast path of <see cref="CharLanguageModel.ComputeGradients(TextWindow)"/> for one recurrent
/// layer on one-hot input: the same maths as the reference cells, laid out for speed.
/// <list type="bullet">
/// <item>Every time step's columns sit side by side (H×(T·B)), so the output layer's logits, its
/// weight gradient and dL/dh for all steps are ONE matrix product each, and so are the recurrent
/// weight gradients after the backward loop; only W_h·h_{t−1} and W_hᵀ·δ_t stay inside the loop.</item>
/// <item>One-hot input is a column lookup forward and a column scatter backward.</item>
/// <item>Buffers live as long as the kernel and are reused while T and B stay the same: a training
/// step allocates only its <see cref="BackwardResult"/>.</item>
/// <item>Products go through <see cref="DenseProduct"/> (256-bit FMA; the large ones split their
/// columns over two threads).</item>
/// <item>Each time step is split by hidden units between two cores (<see cref="SecondCore"/>):
/// rows [0, <see cref="Split"/>) of every gate in one half, the rest in the other. A batch of one
/// has no other parallelism, and each core then reads only its half of W_h, which stays in its own L2
/// cache instead of streaming all of W_h from the shared L3 every step. The halves write disjoint
/// rows and sum in the same order on one thread or two, so the result does not depend on the cores.</item>
/// <item>Each half packs its rows of W_h into a contiguous block at the start of the forward pass
/// (and, for wide batches, its rows of W_hᵀ at the start of BPTT). A half's rows of a column-major
/// W_h are 64-double pieces a whole column apart: such a pattern uses only half of the L2 cache's
/// sets, so the 256 KB a half reads every step (H = 128, four gates) did not stay in L2 and each
/// step's matrix-vector products ran about 1.5× slower than on the packed copy.</item>
/// </list>
/// Subclasses write the cell's recurrence on a block of rows (<see cref="RnnKernel"/>,
/// <see cref="LstmKernel"/>); a test holds loss and every gradient equal to the reference to 1e-12.
/// </summary>
internal abstract partial class LanguageModelKernel : IHalves
{
    readonly Parameter _wy, _by;
    readonly Parameter[] _recurrent;
    readonly IReadOnlyList<Parameter> _cellParameters;
    readonly double[][] _forwardPacked, _backwardPacked;
    double[] _logits = [], _dHidden = [], _outputT = [], _normParts = [];
    int[][] _ids = [];
    Phase _phase;
    int _step;

    // What IHalves.Run does: one time step forward or backward, or the weight gradients after BPTT.
    enum Phase { Forward, Backward, Accumulate }

    // recurrentWeights: the cell's W_h, one per gate, which the halves pack (LanguageModelKernel.Rows.cs).
    protected LanguageModelKernel(RecurrentCell cell, Parameter outputWeights, Parameter outputBias, bool hasCell,
        params Parameter[] recurrentWeights)
    {
        V = cell.InputSize;
        H = cell.HiddenSize;
        _cellParameters = cell.Parameters;
        _wy = outputWeights;
        _by = outputBias;
        HasCell = hasCell;
        _recurrent = recurrentWeights;
        _forwardPacked = new double[recurrentWeights.Length][];
        _backwardPacked = new double[recurrentWeights.Length][];
    }

    /// <summary>Builds the kernel for a one-layer model, or null when the reference path must run
    /// (several layers, an embedding, a GRU).</summary>
    public static LanguageModelKernel? For(CharLanguageModel model)
    {
        if (model.Embedding is not null || model.Recurrent.Layers.Count != 1) return null;
        return model.Recurrent.Layers[0] switch
        {
            RnnCell rnn => new RnnKernel(rnn, model.OutputWeights, model.OutputBias),
            LstmCell lstm => new LstmKernel(lstm, model.OutputWeights, model.OutputBias),
            _ => null,
        };
    }

    protected int V { get; }
    protected int H { get; }
    protected int T { get; private set; }
    protected int B { get; private set; }
    protected bool HasCell { get; }

    /// <summary>h_0 … h_T, block t (H×B) at offset t·H·B; block 0 is the state carried in.</summary>
    protected double[] Hidden { get; private set; } = [];

    /// <summary>c_0 … c_T for cells with a memory (LSTM); empty otherwise.</summary>
    protected double[] CellStates { get; private set; } = [];

    /// <summary>Writes the state after the last window's final step (h_T, and c_T for an LSTM) into
    /// <paramref name="carried"/>, which must <see cref="Fits"/>: the model owns the carried state, the kernel only
    /// reads and overwrites it, so a warm training step allocates nothing.</summary>
    public void WriteFinalState(RecurrentState carried)
    {
        int hb = H * B;
        Hidden.AsSpan(T * hb, hb).CopyTo(carried.Hidden.AsColumnMajorArray());
        if (HasCell) CellStates.AsSpan(T * hb, hb).CopyTo(carried.Cell!.AsColumnMajorArray());
    }

    /// <summary>Whether <paramref name="state"/> has exactly the shapes this kernel can start from.</summary>
    public bool Fits(IReadOnlyList<RecurrentState>? state, int batchSize) =>
        state is null || state.Count == 1 && state[0] is { } s
            && s.Hidden.RowCount == H && s.Hidden.ColumnCount == batchSize && s.Hidden.AsColumnMajorArray() is not null
            && (HasCell ? s.Cell is { } c && c.RowCount == H && c.ColumnCount == batchSize && c.AsColumnMajorArray() is not null : s.Cell is null);

    /// <summary>
    /// Forward, loss and backward over <paramref name="window"/>; zeroes and fills every gradient.
    /// Starts from <paramref name="initial"/> (zeros when null, which <see cref="Fits"/> must accept);
    /// <see cref="WriteFinalState"/> then gives where the window ended.
    /// </summary>
    public BackwardResult Run(TextWindow window, IReadOnlyList<RecurrentState>? initial, IReadOnlyList<Parameter> parameters)
    {
        Forward(window, initial);
        int hb = H * B, n = T * B;

        // The cell's gradients are zeroed row by row in the halves that fill them (AccumulateGate).
        for (int p = 0; p < parameters.Count; p++)
            if (!IsCellParameter(parameters[p])) parameters[p].ZeroGradient();
        double loss = LossAndOutputGradient(window);
        if (double.IsNaN(loss))
        {
            for (int p = 0; p < _cellParameters.Count; p++) _cellParameters[p].ZeroGradient();
            return BackwardResult.Diverged(n);   // diverged: zero gradients, the trainer names the step
        }
        var y = _logits.AsSpan(0, V * n);

        // dW_hy += dY·[h_1 … h_T]ᵀ, db_y += Σ dY, dL/dh (H×TB) = W_hyᵀ·dY: one product each.
        DenseProduct.AddProductTransposed(_wy.Gradient.AsColumnMajorArray(), y, Hidden.AsSpan(hb, H * n), V, n, H);
        AddColumnSums(_by.Gradient.AsColumnMajorArray(), y, V, n);
        DenseProduct.Transpose(_wy.Value.AsColumnMajorArray(), V, H, _outputT);
        var dHidden = _dHidden.AsSpan(0, H * n);
        dHidden.Clear();
        DenseProduct.AddProduct(dHidden, _outputT, y, H, V, n);

        // BPTT, one step at a time from the last; then every weight gradient in one pass.
        _phase = Phase.Backward;
        for (_step = T - 1; _step >= 0; _step--) SecondCore.Run(this);
        _phase = Phase.Accumulate;
        SecondCore.Run(this);
        var norms = new double[T];
        for (int t = 0; t < T; t++) norms[t] = Math.Sqrt(_normParts[2 * t] + _normParts[2 * t + 1]);
        return new BackwardResult(loss, n, [norms]);
    }

    /// <summary>
    /// The loss over <paramref name="window"/> from <paramref name="initial"/> (zeros when null), forward only:
    /// no gradient is read or written. <see cref="WriteFinalState"/> then gives where the window ended.
    /// NaN when the model has diverged.
    /// </summary>
    public double Loss(TextWindow window, IReadOnlyList<RecurrentState>? initial)
    {
        Forward(window, initial);
        return LossAndOutputGradient(window);
    }

    // h_1 … h_T (and c_1 … c_T) from the state carried in, one time step at a time.
    void Forward(TextWindow window, IReadOnlyList<RecurrentState>? initial)
    {
        Resize(window.Length, window.BatchSize);
        int hb = H * B;
        var h0 = Hidden.AsSpan(0, hb);
        if (initial is not null)
        {
            initial[0].Hidden.AsColumnMajorArray().CopyTo(h0);
            if (HasCell) initial[0].Cell!.AsColumnMajorArray().CopyTo(CellStates.AsSpan(0, hb));
        }
        else
        {
            h0.Clear();
            if (HasCell) CellStates.AsSpan(0, hb).Clear();
        }
        _ids = window.Inputs;
        _phase = Phase.Forward;
        for (_step = 0; _step < T; _step++) SecondCore.Run(this);
    }

    // Logits for every step at once, Y (V×TB) = b_y + W_hy · [h_1 … h_T]; then the loss, and dY = dL/dY in
    // the logits' place, from the head every model shares.
    double LossAndOutputGradient(TextWindow window)
    {
        int n = T * B;
        var y = _logits.AsSpan(0, V * n);
        var by = _by.Value.AsColumnMajorArray();
        for (int col = 0; col < n; col++) by.CopyTo(y.Slice(col * V, V));
        DenseProduct.AddProduct(y, _wy.Value.AsColumnMajorArray(), Hidden.AsSpan(H * B, H * n), V, H, n);
        return SoftmaxCrossEntropy.Apply(y, V, window.Targets);
    }

    /// <summary>Rows r₀…r₁ of step t: h_t (and c_t) from h_{t−1}, for every sequence of the batch.</summary>
    protected abstract void ForwardStep(int t, int[] ids, int r0, int r1);

    /// <summary>
    /// Rows r₀…r₁ of one step of BPTT: first dL/dh_t's recurrent part from step t + 1's deltas (all
    /// rows of them: the other half wrote theirs in the previous phase), then dL/dh_t = that + the
    /// output layer's <paramref name="output"/> (<see cref="AddOutputGradient"/>), then the step's deltas.
    /// </summary>
    protected abstract void BackwardStep(int t, ReadOnlySpan<double> output, int r0, int r1);

    /// <summary>Rows r₀…r₁ of every weight gradient, from the deltas of all steps.</summary>
    protected abstract void Accumulate(int[][] ids, int r0, int r1);

    /// <summary>Called when T or B changes: (re)allocate the cell's own buffers.</summary>
    protected abstract void Allocate();

    bool IsCellParameter(Parameter parameter)
    {
        for (int i = 0; i < _cellParameters.Count; i++)
            if (ReferenceEquals(_cellParameters[i], parameter)) return true;
        return false;
    }

    void Resize(int t, int b)
    {
        if (t == T && b == B) return;
        T = t;
        B = b;
        int n = t * b;
        Hidden = new double[H * (n + b)];
        CellStates = HasCell ? new double[H * (n + b)] : [];
        _logits = new double[V * n];
        _dHidden = new double[H * n];
        _outputT = new double[H * V];
        _normParts = new double[2 * t];
        for (int g = 0; g < _recurrent.Length; g++)
        {
            _forwardPacked[g] = new double[H * H];
            _backwardPacked[g] = Narrow ? [] : new double[H * H];
        }
        Allocate();
    }

    static void AddColumnSums(Span<double> target, ReadOnlySpan<double> m, int rows, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            var column = m.Slice(j * rows, rows);
            for (int i = 0; i < rows; i++) target[i] += column[i];
        }
    }
}
