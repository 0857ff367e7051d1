using System.Numerics.Tensors;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="RnnCell"/>'s recurrence on the kernel's layout, a block of rows at a time:
/// z_t = W_xh[:, id] + b_h + W_hh·h_{t−1}, h_t = φ(z_t); backwards δ_t = dL/dh_t ⊙ φ'(z_t),
/// dL/dh_{t−1} = W_hhᵀ·δ_t.
/// </summary>
internal sealed class RnnKernel(RnnCell cell, Parameter outputWeights, Parameter outputBias)
    : LanguageModelKernel(cell, outputWeights, outputBias, hasCell: false, cell.RecurrentWeights)
{
    readonly bool _tanh = cell.Activation == RnnActivation.Tanh;
    double[] _delta = [], _dh = [], _dNext = [];

    protected override void Allocate()
    {
        _delta = new double[H * T * B];
        _dh = new double[H * B];
        _dNext = new double[H * B];
    }

    protected override void ForwardStep(int t, int[] ids, int r0, int r1)
    {
        int hb = H * B;
        var h = Hidden.AsSpan((t + 1) * hb, hb);                       // holds z_t, becomes h_t
        ProjectInput(h, cell.InputWeights, cell.HiddenBias, ids, r0, r1);
        AddRecurrentInput(h, 0, Hidden.AsSpan(t * hb, hb), r0, r1);
        for (int s = 0; s < B; s++)
        {
            var rows = h.Slice(s * H + r0, r1 - r0);
            if (_tanh) TensorPrimitives.Tanh(rows, rows);              // vectorised tanh
            else TensorPrimitives.Max(rows, 0.0, rows);
        }
    }

    protected override void BackwardStep(int t, ReadOnlySpan<double> output, int r0, int r1)
    {
        int hb = H * B;
        ClearRows(_dNext, r0, r1);
        if (t < T - 1)                                                  // dL/dh_t from step t+1 = W_hhᵀ·δ_{t+1}
            AddRecurrentGradient(_dNext, 0, _delta.AsSpan((t + 1) * hb, hb), r0, r1);
        AddOutputGradient(_dh, output, _dNext, r0, r1);                 // + from the output layer
        var h = Hidden.AsSpan((t + 1) * hb, hb);
        var delta = _delta.AsSpan(t * hb, hb);
        for (int s = 0; s < B; s++)
            if (_tanh) for (int i = s * H + r0; i < s * H + r1; i++) delta[i] = _dh[i] * (1 - h[i] * h[i]);
            else for (int i = s * H + r0; i < s * H + r1; i++) delta[i] = h[i] > 0 ? _dh[i] : 0;
    }

    protected override void Accumulate(int[][] ids, int r0, int r1) =>
        AccumulateGate(_delta, cell.InputWeights, cell.RecurrentWeights, cell.HiddenBias, ids, r0, r1);
}
