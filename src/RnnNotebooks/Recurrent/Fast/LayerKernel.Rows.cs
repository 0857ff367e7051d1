using System.Runtime.Intrinsics;
using RnnNotebooks.Cores;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

// A block of rows of a time step: how the kernel splits each step over two cores, packs each half's
// weights, and the row operations the cells' recurrences (RnnKernel, LstmKernel, GruKernel) share.
internal abstract partial class LayerKernel<F>
{
    /// <summary>Rows [0, Split) of every gate belong to half 0, [Split, H) to half 1: a multiple of a vector's
    /// lanes (4 in float64, 8 in float32), so the halves' vector blocks are the same as one product's.</summary>
    protected int Split => Math.Min(H, (H / 2 + Vector256<F>.Count - 1) & ~(Vector256<F>.Count - 1));

    void IHalves.Run(int half)
    {
        if (half == 0) Rows(0, Split);
        else if (Split < H) Rows(Split, H);
    }

    // On one core: the time steps still half by half (each half's packed weights are its own
    // layout), in the order of InStepOrder; the weight gradients in one pass over all rows.
    void IHalves.RunBoth()
    {
        if (_phase == Phase.Accumulate || Split == H) Rows(0, H);
        else if ((_step & 1) == 0)
        {
            Rows(0, Split);
            Rows(Split, H);
        }
        else
        {
            Rows(Split, H);
            Rows(0, Split);
        }
    }

    /// <summary>
    /// The <paramref name="q"/>-th of <paramref name="count"/> pieces (gates) to visit at step t:
    /// forwards on even steps, backwards on odd ones. On one core all gates' W_h (512 KB at H = 128)
    /// are just more than the L2 cache holds; visited in the same order every step, each piece has
    /// been evicted by the time it comes round again, while zig-zagging finds most of them still there.
    /// </summary>
    protected static int InStepOrder(int t, int q, int count) => (t & 1) == 0 ? q : count - 1 - q;

    void Rows(int r0, int r1)
    {
        switch (_phase)
        {
            case Phase.Forward:
                if (_step == 0 && _part == 0) PackForward(r0, r1);
                ForwardStep(_step, _part, r0, r1);
                break;
            case Phase.Backward:
                if (_step == T - 1 && _part == 0 && !Narrow) PackBackward(r0, r1);
                BackwardStep(_step, _part, _outputGradient.AsSpan(_step * H * B, H * B), r0, r1);
                break;
            default:
                for (int g = 0; g < Gates.Length; g++) AccumulateGate(g, r0, r1);
                break;
        }
    }

    // Rows r0…r1 of every W_h, contiguous at offset r0·H of the packed copy: as rows one after
    // another for a narrow batch (dot products with h), as a column-major block for a wide one.
    void PackForward(int r0, int r1)
    {
        int rows = r1 - r0;
        for (int g = 0; g < Gates.Length; g++)
        {
            var w = RecurrentWeights(g).AsSpan(r0);
            var packed = _forwardPacked[g].AsSpan(r0 * H, rows * H);
            if (Narrow) DenseProduct.Transpose<F>(w, H, rows, H, packed);
            else
                for (int j = 0; j < H; j++) w.Slice(j * H, rows).CopyTo(packed.Slice(j * rows, rows));
        }
    }

    // Rows r0…r1 of every W_hᵀ as a column-major block (the transpose of W_h's columns r0…r1).
    void PackBackward(int r0, int r1)
    {
        int rows = r1 - r0;
        for (int g = 0; g < Gates.Length; g++)
            DenseProduct.Transpose<F>(RecurrentWeights(g).AsSpan(r0 * H), H, H, rows, _backwardPacked[g].AsSpan(r0 * H, rows * H));
    }

    /// <summary>Rows r₀…r₁ of gate g's pre-activations at step t, Z (H×B) = W_x[:, id] + b, by lookup for one-hot
    /// input; dense input was projected for the whole window before the loop (<see cref="ProjectWindow"/>).</summary>
    protected void ProjectInput(int gate, int t, int r0, int r1)
    {
        if (!OneHotInput) return;
        var z = PreActivations(gate).Slice(t * H * B, H * B);
        var w = InputWeights(gate);
        var b = Bias(gate);
        var ids = _ids[t];
        for (int s = 0; s < B; s++)
        {
            var column = z.Slice(s * H + r0, r1 - r0);
            var source = w.AsSpan(ids[s] * H + r0, r1 - r0);
            for (int i = 0; i < column.Length; i++) column[i] = source[i] + b[r0 + i];
        }
    }

    // Every gate's pre-activations for the whole window from dense input X (D×TB): Z = b + W_x·X, one product.
    void ProjectWindow()
    {
        int n = T * B;
        var x = _dense.Span;
        for (int g = 0; g < Gates.Length; g++)
        {
            var z = PreActivations(g)[..(H * n)];
            var b = Bias(g);
            for (int col = 0; col < n; col++) b.CopyTo(z.Slice(col * H, H));
            DenseProduct.AddProduct<F>(z, InputWeights(g), x, H, D, n);
        }
    }

    /// <summary>Rows r₀…r₁ of Z (H×B) += W_h·h_{t−1}, W_h being gate <paramref name="gate"/>'s (from the packed copy).</summary>
    protected void AddRecurrentInput(Span<F> z, int gate, ReadOnlySpan<F> hPrevious, int r0, int r1)
    {
        int rows = r1 - r0;
        var packed = _forwardPacked[gate].AsSpan(r0 * H, rows * H);
        if (Narrow) DenseProduct.AddTransposedProduct<F>(z[r0..], H, packed, hPrevious, rows, H, B);
        else DenseProduct.AddProduct<F>(z[r0..], H, packed, rows, hPrevious, rows, H, B);
    }

    /// <summary>After BPTT, rows r₀…r₁ of gate g: db = Σ δ; dW_x[:, id] += δ columns for one-hot input, dW_x = Δ·Xᵀ
    /// (one product) for dense; dW_h = Δ·[what W_h multiplied]ᵀ (one product). Zeroes those rows first: in the half
    /// that fills them, while they are about to be in cache anyway.</summary>
    void AccumulateGate(int gate, int r0, int r1)
    {
        var delta = Delta(gate);
        var gx = _weights[gate].DWx;
        var gb = _weights[gate].DB;
        var gh = _weights[gate].DWh;
        int rows = r1 - r0, n = T * B;
        ClearRows(gx, D, r0, r1);
        ClearRows(gh, H, r0, r1);
        var biasTarget = gb.AsSpan(r0, rows);
        biasTarget.Clear();
        for (int col = 0; col < n; col++)
        {
            var column = delta.Slice(col * H + r0, rows);
            for (int i = 0; i < rows; i++) biasTarget[i] += column[i];
        }
        if (OneHotInput)
            for (int t = 0; t < T; t++)
                for (int s = 0; s < B; s++)
                {
                    var column = delta.Slice((t * B + s) * H + r0, rows);
                    var target = gx.AsSpan(_ids[t][s] * H + r0, rows);
                    for (int i = 0; i < rows; i++) target[i] += column[i];
                }
        else DenseProduct.AddProductTransposed<F>(gx.AsSpan(r0), H, delta[r0..], H, _dense.Span, rows, n, D);
        DenseProduct.AddProductTransposed<F>(gh.AsSpan(r0), H, delta[r0..], H, RecurrentInput(gate), rows, n, H);
    }

    /// <summary>Batches this narrow (B &lt; 4) use dot products with W_h's rows and columns; wider ones register-blocked products.</summary>
    protected bool Narrow => B < 4;

    /// <summary>Rows r₀…r₁ of dL/dh_{t−1} (H×B) += W_hᵀ·δ_t for gate <paramref name="gate"/>: for a narrow batch
    /// dot products of W_h's columns r₀…r₁ (contiguous) with δ_t, for a wide one the packed rows of W_hᵀ.</summary>
    protected void AddRecurrentGradient(Span<F> dPrevious, int gate, ReadOnlySpan<F> delta, int r0, int r1)
    {
        int rows = r1 - r0;
        if (Narrow) DenseProduct.AddTransposedProduct<F>(dPrevious[r0..], H, RecurrentWeights(gate).AsSpan(r0 * H), delta, rows, H, B);
        else DenseProduct.AddProduct<F>(dPrevious[r0..], H, _backwardPacked[gate].AsSpan(r0 * H, rows * H), rows, delta, rows, H, B);
    }

    /// <summary>Rows r₀…r₁ of dL/dh_t (H×B) = <paramref name="output"/> + <paramref name="recurrent"/>; also
    /// their sums of squares for ‖dL/dh_t‖, one per half (so one pass over all rows gives the same norm as two).</summary>
    protected void AddOutputGradient(Span<F> target, ReadOnlySpan<F> output, ReadOnlySpan<F> recurrent, int r0, int r1)
    {
        if (r0 < Split) _normParts[2 * _step] = AddRows(target, output, recurrent, r0, Math.Min(r1, Split));
        if (r1 > Split) _normParts[2 * _step + 1] = AddRows(target, output, recurrent, Math.Max(r0, Split), r1);
    }

    double AddRows(Span<F> target, ReadOnlySpan<F> output, ReadOnlySpan<F> recurrent, int r0, int r1)
    {
        double sum = 0;
        for (int s = 0; s < B; s++)
            for (int i = s * H + r0; i < s * H + r1; i++)
            {
                double v = double.CreateTruncating(target[i] = output[i] + recurrent[i]);
                sum += v * v;
            }
        return sum;
    }

    /// <summary>Clears rows r₀…r₁ of every column of an H×B block.</summary>
    protected void ClearRows(Span<F> block, int r0, int r1) => ClearRows(block, B, r0, r1);

    /// <summary>Clears rows r₀…r₁ of every column of an H×<paramref name="columns"/> matrix.</summary>
    void ClearRows(Span<F> matrix, int columns, int r0, int r1)
    {
        for (int j = 0; j < columns; j++) matrix.Slice(j * H + r0, r1 - r0).Clear();
    }
}
