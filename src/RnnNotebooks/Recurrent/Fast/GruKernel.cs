using System.Numerics;
using System.Numerics.Tensors;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="GruCell"/>'s recurrence (d2l.ai's variant, the reset gate before W_hn) on the kernel's layout, a
/// block of rows at a time. W_hn·(r_t ⊙ h_{t−1}) needs every row of r_t, so each step is two hand-overs
/// (<see cref="LayerKernel{F}.Parts"/>):
/// <code>
/// forward  part 0: z_t, r_t and r_t ⊙ h_{t−1} on these rows      part 1: n_t and h_t on these rows
/// backward part 0: dL/dh_t, δ_z and δ_n on these rows          part 1: dL/d(r⊙h) = W_hnᵀ·δ_n, then δ_r
/// </code>
/// dL/dh_{t−1} = z_t ⊙ dL/dh_t + r_t ⊙ dL/d(r⊙h) + W_hzᵀ·δ_z + W_hrᵀ·δ_r is gathered at the start of step t − 1.
/// </summary>
internal sealed class GruKernel<F> : LayerKernel<F> where F : unmanaged, IFloatingPointIeee754<F>
{
    const int Update = 0, Reset = 1, Candidate = 2;   // the gates in GruCell's parameter order: z, r, n
    readonly F[][] _activations = new F[3][];
    F[] _resetHidden = [], _dh = [], _dNext = [], _dResetHidden = [];

    public GruKernel(GruCell cell, bool oneHotInput)
        : base(cell, hasCell: false, oneHotInput, GatesOf(cell.Parameters))
    {
    }

    protected override int Parts => 2;

    protected override Span<F> PreActivations(int gate) => _activations[gate];

    // W_hn multiplies r_t ⊙ h_{t−1}; W_hz and W_hr multiply h_{t−1}.
    protected override ReadOnlySpan<F> RecurrentInput(int gate) =>
        gate == Candidate ? _resetHidden : base.RecurrentInput(gate);

    protected override void Allocate()
    {
        for (int g = 0; g < 3; g++) _activations[g] = new F[H * T * B];
        _resetHidden = new F[H * T * B];
        _dh = new F[H * B];
        _dNext = new F[H * B];
        _dResetHidden = new F[H * B];
    }

    protected override void ForwardStep(int t, int part, int r0, int r1)
    {
        int hb = H * B, rows = r1 - r0;
        var hPrevious = Hidden.AsSpan(t * hb, hb);
        var resetHidden = _resetHidden.AsSpan(t * hb, hb);
        if (part == 0)
        {
            for (int q = 0; q < 2; q++)
            {
                int g = InStepOrder(t, q, 2);
                ProjectInput(g, t, r0, r1);
                AddRecurrentInput(_activations[g].AsSpan(t * hb, hb), g, hPrevious, r0, r1);
            }
            ProjectInput(Candidate, t, r0, r1);                        // W_xn·x_t + b_n now; W_hn·(r⊙h) in part 1
            for (int s = 0; s < B; s++)
            {
                int at = s * H + r0;
                var z = _activations[Update].AsSpan(t * hb + at, rows);
                var r = _activations[Reset].AsSpan(t * hb + at, rows);
                TensorPrimitives.Sigmoid(z, z);
                TensorPrimitives.Sigmoid(r, r);
                TensorPrimitives.Multiply(r, hPrevious.Slice(at, rows), resetHidden.Slice(at, rows));   // r_t ⊙ h_{t−1}
            }
            return;
        }
        var candidate = _activations[Candidate].AsSpan(t * hb, hb);
        AddRecurrentInput(candidate, Candidate, resetHidden, r0, r1);   // every row of r_t ⊙ h_{t−1}
        for (int s = 0; s < B; s++)
        {
            int at = s * H + r0;
            var n = candidate.Slice(at, rows);
            var z = _activations[Update].AsSpan(t * hb + at, rows);
            var h0 = hPrevious.Slice(at, rows);
            var h = Hidden.AsSpan((t + 1) * hb + at, rows);
            TensorPrimitives.Tanh(n, n);
            for (int k = 0; k < rows; k++) h[k] = z[k] * h0[k] + (F.One - z[k]) * n[k];   // h_t = z⊙h_{t−1} + (1−z)⊙n_t
        }
    }

    protected override void BackwardStep(int t, int part, ReadOnlySpan<F> output, int r0, int r1)
    {
        int hb = H * B, at = t * hb;
        var z = _activations[Update].AsSpan(at, hb);
        var r = _activations[Reset].AsSpan(at, hb);
        var n = _activations[Candidate].AsSpan(at, hb);
        var hPrevious = Hidden.AsSpan(at, hb);
        if (part == 0)
        {
            ClearRows(_dNext, r0, r1);
            if (t < T - 1)                                              // dL/dh_t from step t+1
            {
                for (int q = 0; q < 2; q++)
                {
                    int g = InStepOrder(t, q, 2);
                    AddRecurrentGradient(_dNext, g, Delta(g).Slice(at + hb, hb), r0, r1);   // W_hzᵀ·δ_z + W_hrᵀ·δ_r
                }
                var zNext = _activations[Update].AsSpan(at + hb, hb);
                var rNext = _activations[Reset].AsSpan(at + hb, hb);
                for (int s = 0; s < B; s++)                             // + r ⊙ dL/d(r⊙h) + z ⊙ dL/dh, of step t+1
                    for (int i = s * H + r0; i < s * H + r1; i++)
                        _dNext[i] += rNext[i] * _dResetHidden[i] + zNext[i] * _dh[i];
            }
            AddOutputGradient(_dh, output, _dNext, r0, r1);             // + from above
            var dz = Delta(Update).Slice(at, hb);
            var dn = Delta(Candidate).Slice(at, hb);
            for (int s = 0; s < B; s++)
                for (int i = s * H + r0; i < s * H + r1; i++)
                {
                    F dh = _dh[i];
                    dn[i] = dh * (F.One - z[i]) * (F.One - n[i] * n[i]);        // δ_n = dh ⊙ (1 − z) ⊙ tanh'
                    dz[i] = dh * (hPrevious[i] - n[i]) * (z[i] * (F.One - z[i]));   // δ_z = dh ⊙ (h_{t−1} − n) ⊙ σ'
                }
            return;
        }
        ClearRows(_dResetHidden, r0, r1);
        AddRecurrentGradient(_dResetHidden, Candidate, Delta(Candidate).Slice(at, hb), r0, r1);   // W_hnᵀ·δ_n, every row of δ_n
        var dr = Delta(Reset).Slice(at, hb);
        for (int s = 0; s < B; s++)
            for (int i = s * H + r0; i < s * H + r1; i++)
                dr[i] = _dResetHidden[i] * hPrevious[i] * (r[i] * (F.One - r[i]));    // δ_r = d(r⊙h) ⊙ h_{t−1} ⊙ σ'
    }
}
