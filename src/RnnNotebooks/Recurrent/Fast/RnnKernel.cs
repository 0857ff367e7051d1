using System.Numerics;
using System.Numerics.Tensors;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="RnnCell"/>'s recurrence on the kernel's layout, a block of rows at a time:
/// z_t = W_xh·x_t + b_h + W_hh·h_{t−1}, h_t = φ(z_t); backwards δ_t = dL/dh_t ⊙ φ'(z_t),
/// dL/dh_{t−1} = W_hhᵀ·δ_t.
/// </summary>
internal sealed class RnnKernel<F>(RnnCell cell, bool oneHotInput)
    : LayerKernel<F>(cell, hasCell: false, oneHotInput, (cell.InputWeights, cell.RecurrentWeights, cell.HiddenBias))
    where F : unmanaged, IFloatingPointIeee754<F>
{
    readonly bool _tanh = cell.Activation == RnnActivation.Tanh;
    F[] _dh = [], _dNext = [];

    protected override void Allocate()
    {
        _dh = new F[H * B];
        _dNext = new F[H * B];
    }

    // z_t is written where h_t will be, then overwritten by it.
    protected override Span<F> PreActivations(int gate) => Hidden.AsSpan(H * B);

    protected override void ForwardStep(int t, int part, int r0, int r1)
    {
        int hb = H * B;
        var h = Hidden.AsSpan((t + 1) * hb, hb);                       // holds z_t, becomes h_t
        ProjectInput(0, t, r0, r1);
        AddRecurrentInput(h, 0, Hidden.AsSpan(t * hb, hb), r0, r1);
        for (int s = 0; s < B; s++)
        {
            var rows = h.Slice(s * H + r0, r1 - r0);
            if (_tanh) TensorPrimitives.Tanh(rows, rows);              // vectorised tanh
            else TensorPrimitives.Max(rows, F.Zero, rows);
        }
    }

    protected override void BackwardStep(int t, int part, ReadOnlySpan<F> output, int r0, int r1)
    {
        int hb = H * B;
        ClearRows(_dNext, r0, r1);
        if (t < T - 1)                                                  // dL/dh_t from step t+1 = W_hhᵀ·δ_{t+1}
            AddRecurrentGradient(_dNext, 0, Delta(0).Slice((t + 1) * hb, hb), r0, r1);
        AddOutputGradient(_dh, output, _dNext, r0, r1);                 // + from above
        var h = Hidden.AsSpan((t + 1) * hb, hb);
        var delta = Delta(0).Slice(t * hb, hb);
        for (int s = 0; s < B; s++)
            if (_tanh) for (int i = s * H + r0; i < s * H + r1; i++) delta[i] = _dh[i] * (F.One - h[i] * h[i]);
            else for (int i = s * H + r0; i < s * H + r1; i++) delta[i] = h[i] > F.Zero ? _dh[i] : F.Zero;
    }
}
