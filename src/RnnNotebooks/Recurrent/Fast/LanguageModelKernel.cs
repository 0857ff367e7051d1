using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Text;
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
/// <item>Products go through <see cref="DenseProduct"/> (256-bit FMA; the large ones of a wide batch
/// split their columns over two threads, with the same result as on one).</item>
/// </list>
/// Subclasses write the cell's recurrence (<see cref="RnnKernel"/>, <see cref="LstmKernel"/>);
/// a test holds loss and every gradient equal to the reference to 1e-12.
/// </summary>
internal abstract class LanguageModelKernel
{
    readonly Parameter _wy, _by;
    double[] _logits = [], _dHidden = [], _outputT = [];

    protected LanguageModelKernel(int vocabulary, int hiddenSize, Parameter outputWeights, Parameter outputBias, bool hasCell)
    {
        V = vocabulary;
        H = hiddenSize;
        _wy = outputWeights;
        _by = outputBias;
        HasCell = hasCell;
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

    /// <summary>The carried state (h, then c) between windows of truncated BPTT, H×B each.</summary>
    double[] _carriedHidden = [], _carriedCell = [];

    /// <summary>Whether the kernel holds a carried state (after a step with <c>carry</c>).</summary>
    public bool HasCarriedState { get; private set; }

    /// <summary>B of the carried state.</summary>
    public int CarriedBatchSize => HasCarriedState ? _carriedHidden.Length / H : 0;

    /// <summary>Forgets the carried state.</summary>
    public void ResetCarriedState() => HasCarriedState = false;

    /// <summary>The carried state as teaching types (allocates: call only when someone reads it).</summary>
    public IReadOnlyList<RecurrentState> CarriedState()
    {
        int b = CarriedBatchSize;
        var h = Matrix<double>.Build.Dense(H, b, (double[])_carriedHidden.Clone());
        var c = HasCell ? Matrix<double>.Build.Dense(H, b, (double[])_carriedCell.Clone()) : null;
        return [new RecurrentState(h, c)];
    }

    /// <summary>Whether <paramref name="state"/> has exactly the shapes this kernel can start from.</summary>
    public bool Fits(IReadOnlyList<RecurrentState>? state, int batchSize) =>
        state is null || state.Count == 1 && state[0] is { } s
            && s.Hidden.RowCount == H && s.Hidden.ColumnCount == batchSize && s.Hidden.AsColumnMajorArray() is not null
            && (HasCell ? s.Cell is { } c && c.RowCount == H && c.ColumnCount == batchSize && c.AsColumnMajorArray() is not null : s.Cell is null);

    /// <summary>
    /// Forward, loss and backward over <paramref name="window"/>; zeroes and fills every gradient.
    /// Starts from the carried state when <paramref name="carry"/> and one is held, else from
    /// <paramref name="initial"/> (zeros when null); with <paramref name="carry"/> it keeps the final state.
    /// </summary>
    public BackwardResult Run(TextWindow window, IReadOnlyList<RecurrentState>? initial, bool carry, IReadOnlyList<Parameter> parameters)
    {
        Resize(window.Length, window.BatchSize);
        int hb = H * B, n = T * B;
        var h0 = Hidden.AsSpan(0, hb);
        if (carry && HasCarriedState)
        {
            _carriedHidden.CopyTo(h0);
            if (HasCell) _carriedCell.CopyTo(CellStates.AsSpan(0, hb));
        }
        else if (initial is not null)
        {
            initial[0].Hidden.AsColumnMajorArray().CopyTo(h0);
            if (HasCell) initial[0].Cell!.AsColumnMajorArray().CopyTo(CellStates.AsSpan(0, hb));
        }
        else
        {
            h0.Clear();
            if (HasCell) CellStates.AsSpan(0, hb).Clear();
        }

        Forward(window.Inputs);
        if (carry)
        {
            if (_carriedHidden.Length != hb) { _carriedHidden = new double[hb]; _carriedCell = HasCell ? new double[hb] : []; }
            Hidden.AsSpan(T * hb, hb).CopyTo(_carriedHidden);
            if (HasCell) CellStates.AsSpan(T * hb, hb).CopyTo(_carriedCell);
            HasCarriedState = true;
        }

        for (int p = 0; p < parameters.Count; p++) parameters[p].ZeroGradient();
        // Logits for every step at once: Y (V×TB) = b_y + W_hy · [h_1 … h_T].
        var y = _logits.AsSpan(0, V * n);
        var by = _by.Value.AsColumnMajorArray();
        for (int col = 0; col < n; col++) by.CopyTo(y.Slice(col * V, V));
        DenseProduct.AddProduct(y, _wy.Value.AsColumnMajorArray(), Hidden.AsSpan(hb, H * n), V, H, n);
        foreach (double value in y)
            if (!double.IsFinite(value))
                return new BackwardResult(double.NaN, n, []);   // diverged: zero gradients, the trainer names the step

        double loss = 0;
        for (int t = 0; t < T; t++)
            for (int b = 0; b < B; b++)
            {
                var column = y.Slice((t * B + b) * V, V);
                Softmax.Normalize(column);
                int target = window.Targets[t][b];
                loss -= Math.Log(column[target]);
                column[target] -= 1;                 // dL/dy = (p − one-hot(target)) / TB
            }
        double scale = 1.0 / n;
        for (int i = 0; i < y.Length; i++) y[i] *= scale;
        loss /= n;

        // dW_hy += dY·[h_1 … h_T]ᵀ, db_y += Σ dY, dL/dh (H×TB) = W_hyᵀ·dY: one product each.
        DenseProduct.AddProductTransposed(_wy.Gradient.AsColumnMajorArray(), y, Hidden.AsSpan(hb, H * n), V, n, H);
        AddColumnSums(_by.Gradient.AsColumnMajorArray(), y, V, n);
        DenseProduct.Transpose(_wy.Value.AsColumnMajorArray(), V, H, _outputT);
        var dHidden = _dHidden.AsSpan(0, H * n);
        dHidden.Clear();
        DenseProduct.AddProduct(dHidden, _outputT, y, H, V, n);

        var norms = new double[T];
        Backward(window.Inputs, dHidden, norms);
        return new BackwardResult(loss, n, [norms]);
    }

    /// <summary>Fills <see cref="Hidden"/> (and <see cref="CellStates"/>) blocks 1 … T from block 0.</summary>
    protected abstract void Forward(int[][] ids);

    /// <summary>BPTT from dL/dh_t (H×TB, from the output layer); writes ‖dL/dh_t‖ into <paramref name="norms"/>.</summary>
    protected abstract void Backward(int[][] ids, ReadOnlySpan<double> dHidden, double[] norms);

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
        _logits = new double[V * n];
        _dHidden = new double[H * n];
        _outputT = new double[H * V];
        Allocate();
    }

    // ---- shared pieces of the cells' recurrences ----

    /// <summary>Z (H×TB) = W_x[:, id] + b for every column: the input projection of all steps, by lookup.</summary>
    protected void ProjectInputs(Span<double> z, Parameter wx, Parameter bias, int[][] ids)
    {
        var w = wx.Value.AsColumnMajorArray();
        var b = bias.Value.AsColumnMajorArray();
        for (int t = 0; t < T; t++)
            for (int s = 0; s < B; s++)
            {
                var column = z.Slice((t * B + s) * H, H);
                var source = w.AsSpan(ids[t][s] * H, H);
                for (int i = 0; i < H; i++) column[i] = source[i] + b[i];
            }
    }

    /// <summary>After BPTT: dW_x[:, id] += δ columns, db += Σ δ, dW_h += δ·[h_0 … h_{T−1}]ᵀ (one product).</summary>
    protected void AccumulateGate(ReadOnlySpan<double> delta, Parameter wx, Parameter wh, Parameter bias, int[][] ids)
    {
        var gx = wx.Gradient.AsColumnMajorArray();
        for (int t = 0; t < T; t++)
            for (int s = 0; s < B; s++)
            {
                var column = delta.Slice((t * B + s) * H, H);
                var target = gx.AsSpan(ids[t][s] * H, H);
                for (int i = 0; i < H; i++) target[i] += column[i];
            }
        AddColumnSums(bias.Gradient.AsColumnMajorArray(), delta, H, T * B);
        DenseProduct.AddProductTransposed(wh.Gradient.AsColumnMajorArray(), delta, Hidden.AsSpan(0, H * T * B), H, T * B, H);
    }

    /// <summary>Batches this narrow (B &lt; 4) read W_hᵀ by dot products; wider ones keep a transposed copy.</summary>
    protected bool Narrow => B < 4;

    /// <summary>Prepares W_hᵀ for <see cref="AddRecurrentGradient"/> (only wide batches need the copy).</summary>
    protected void PrepareTranspose(Parameter wh, double[] transposed)
    {
        if (!Narrow) DenseProduct.Transpose(wh.Value.AsColumnMajorArray(), H, H, transposed);
    }

    /// <summary>dL/dh_{t−1} (H×B) += W_hᵀ·δ_t.</summary>
    protected void AddRecurrentGradient(Span<double> dPrevious, Parameter wh, double[] transposed, ReadOnlySpan<double> delta)
    {
        if (Narrow) DenseProduct.AddTransposedProduct(dPrevious, wh.Value.AsColumnMajorArray(), delta, H, H, B);
        else DenseProduct.AddProduct(dPrevious, transposed, delta, H, H, B);
    }

    /// <summary>Frobenius norm of an H×B block.</summary>
    protected static double Norm(ReadOnlySpan<double> block)
    {
        double sum = 0;
        foreach (double v in block) sum += v * v;
        return Math.Sqrt(sum);
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
