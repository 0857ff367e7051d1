using System.Numerics;
using System.Numerics.Tensors;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="LstmCell"/>'s recurrence on the kernel's layout, a block of rows at a time. Each gate's
/// pre-activations start as the input lookup plus bias, then W_h·h_{t−1} is added, then the buffer is
/// overwritten by the gate's activation (i, f, o, g), which is what the backward pass reads.
/// </summary>
internal sealed class LstmKernel<F> : LayerKernel<F> where F : unmanaged, IFloatingPointIeee754<F>
{
    // Gates in LstmCell's parameter order: i, f, o, g; each (W_x, W_h, b).
    readonly F[][] _activations = new F[4][];
    F[] _tanhCell = [], _dh = [], _dc = [], _dNext = [];

    public LstmKernel(LstmCell cell, bool oneHotInput)
        : base(cell, hasCell: true, oneHotInput, GatesOf(cell.Parameters))
    {
    }

    protected override Span<F> PreActivations(int gate) => _activations[gate];

    protected override void Allocate()
    {
        for (int g = 0; g < 4; g++) _activations[g] = new F[H * T * B];
        _tanhCell = new F[H * T * B];
        _dh = new F[H * B];
        _dc = new F[H * B];
        _dNext = new F[H * B];
    }

    protected override void ForwardStep(int t, int part, int r0, int r1)
    {
        int hb = H * B;
        var hPrevious = Hidden.AsSpan(t * hb, hb);
        for (int q = 0; q < 4; q++)
        {
            int g = InStepOrder(t, q, 4);
            var z = _activations[g].AsSpan(t * hb, hb);
            ProjectInput(g, t, r0, r1);
            AddRecurrentInput(z, g, hPrevious, r0, r1);
        }
        for (int s = 0; s < B; s++)
        {
            int at = t * hb + s * H + r0, rows = r1 - r0;
            var i = _activations[0].AsSpan(at, rows);
            var f = _activations[1].AsSpan(at, rows);
            var o = _activations[2].AsSpan(at, rows);
            var gc = _activations[3].AsSpan(at, rows);
            var cPrevious = CellStates.AsSpan(at, rows);
            var c = CellStates.AsSpan(at + hb, rows);
            var tanhC = _tanhCell.AsSpan(at, rows);
            var h = Hidden.AsSpan(at + hb, rows);
            TensorPrimitives.Sigmoid(i, i);                            // vectorised σ and tanh
            TensorPrimitives.Sigmoid(f, f);
            TensorPrimitives.Sigmoid(o, o);
            TensorPrimitives.Tanh(gc, gc);
            for (int k = 0; k < rows; k++) c[k] = f[k] * cPrevious[k] + i[k] * gc[k];   // c_t = f⊙c_{t−1} + i⊙g
            TensorPrimitives.Tanh(c, tanhC);
            TensorPrimitives.Multiply(o, tanhC, h);                    // h_t = o ⊙ tanh(c_t)
        }
    }

    protected override void BackwardStep(int t, int part, ReadOnlySpan<F> output, int r0, int r1)
    {
        int hb = H * B;
        ClearRows(_dNext, r0, r1);
        if (t < T - 1)                                                  // dL/dh_t from step t+1 = Σ_g W_hgᵀ·δ_g
            for (int q = 0; q < 4; q++)
            {
                int g = InStepOrder(t, q, 4);
                AddRecurrentGradient(_dNext, g, Delta(g).Slice((t + 1) * hb, hb), r0, r1);
            }
        else ClearRows(_dc, r0, r1);                                    // no gradient arrives at the last cell state
        AddOutputGradient(_dh, output, _dNext, r0, r1);                 // + from above
        for (int s = 0; s < B; s++)
        {
            int at = t * hb + s * H;
            var i = _activations[0].AsSpan(at, H);
            var f = _activations[1].AsSpan(at, H);
            var o = _activations[2].AsSpan(at, H);
            var gc = _activations[3].AsSpan(at, H);
            var cPrevious = CellStates.AsSpan(at, H);
            var tanhC = _tanhCell.AsSpan(at, H);
            var di = Delta(0).Slice(at, H);
            var df = Delta(1).Slice(at, H);
            var dO = Delta(2).Slice(at, H);
            var dg = Delta(3).Slice(at, H);
            for (int k = r0; k < r1; k++)
            {
                F dh = _dh[s * H + k];
                F dc = _dc[s * H + k] + dh * o[k] * (F.One - tanhC[k] * tanhC[k]);   // dL/dc_t, both paths
                dO[k] = dh * tanhC[k] * (o[k] * (F.One - o[k]));
                di[k] = dc * gc[k] * (i[k] * (F.One - i[k]));
                df[k] = dc * cPrevious[k] * (f[k] * (F.One - f[k]));
                dg[k] = dc * i[k] * (F.One - gc[k] * gc[k]);
                _dc[s * H + k] = dc * f[k];                                        // dL/dc_{t−1} = dc ⊙ f
            }
        }
    }
}
