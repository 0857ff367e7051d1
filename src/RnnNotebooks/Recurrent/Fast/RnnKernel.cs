using System.Numerics.Tensors;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="RnnCell"/>'s recurrence on the kernel's layout: z_t = W_xh[:, id] + b_h + W_hh·h_{t−1},
/// h_t = φ(z_t); backwards δ_t = dL/dh_t ⊙ φ'(z_t), dL/dh_{t−1} = W_hhᵀ·δ_t.
/// </summary>
internal sealed class RnnKernel(RnnCell cell, Parameter outputWeights, Parameter outputBias)
    : LanguageModelKernel(cell.InputSize, cell.HiddenSize, outputWeights, outputBias, hasCell: false)
{
    readonly bool _tanh = cell.Activation == RnnActivation.Tanh;
    double[] _delta = [], _recurrentT = [], _dh = [], _dNext = [];

    protected override void Allocate()
    {
        _delta = new double[H * T * B];
        _recurrentT = Narrow ? [] : new double[H * H];
        _dh = new double[H * B];
        _dNext = new double[H * B];
    }

    protected override void Forward(int[][] ids)
    {
        int hb = H * B;
        var whh = cell.RecurrentWeights.Value.AsColumnMajorArray();
        var z = Hidden.AsSpan(hb, T * hb);
        ProjectInputs(z, cell.InputWeights, cell.HiddenBias, ids);
        for (int t = 0; t < T; t++)
        {
            var h = Hidden.AsSpan((t + 1) * hb, hb);                   // holds z_t, becomes h_t
            DenseProduct.AddProduct(h, whh, Hidden.AsSpan(t * hb, hb), H, H, B);
            if (_tanh) TensorPrimitives.Tanh(h, h);                    // vectorised tanh
            else TensorPrimitives.Max(h, 0.0, h);
        }
    }

    protected override void Backward(int[][] ids, ReadOnlySpan<double> dHidden, double[] norms)
    {
        int hb = H * B;
        PrepareTranspose(cell.RecurrentWeights, _recurrentT);
        Array.Clear(_dNext);
        for (int t = T - 1; t >= 0; t--)
        {
            var h = Hidden.AsSpan((t + 1) * hb, hb);
            var output = dHidden.Slice(t * hb, hb);
            var delta = _delta.AsSpan(t * hb, hb);
            for (int i = 0; i < hb; i++) _dh[i] = output[i] + _dNext[i];   // from the output layer + from step t+1
            norms[t] = Norm(_dh);
            if (_tanh) for (int i = 0; i < hb; i++) delta[i] = _dh[i] * (1 - h[i] * h[i]);
            else for (int i = 0; i < hb; i++) delta[i] = h[i] > 0 ? _dh[i] : 0;
            Array.Clear(_dNext);
            AddRecurrentGradient(_dNext, cell.RecurrentWeights, _recurrentT, delta);   // dL/dh_{t−1} = W_hhᵀ·δ_t
        }
        AccumulateGate(_delta, cell.InputWeights, cell.RecurrentWeights, cell.HiddenBias, ids);
    }
}
