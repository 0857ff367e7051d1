using System.Numerics.Tensors;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// <see cref="LstmCell"/>'s recurrence on the kernel's layout. Each gate's pre-activations for all
/// steps start as the input lookup plus bias; inside the loop only W_h·h_{t−1} is added, then the
/// buffer is overwritten by the gate's activation (i, f, o, g), which is what the backward pass reads.
/// </summary>
internal sealed class LstmKernel : LanguageModelKernel
{
    // Gates in LstmCell's parameter order: i, f, o, g; each (W_x, W_h, b).
    readonly (Parameter Wx, Parameter Wh, Parameter B)[] _gates;
    readonly double[][] _activations = new double[4][], _deltas = new double[4][], _recurrentT = new double[4][];
    double[] _tanhCell = [], _dh = [], _dc = [], _dNext = [];

    public LstmKernel(LstmCell cell, Parameter outputWeights, Parameter outputBias)
        : base(cell.InputSize, cell.HiddenSize, outputWeights, outputBias, hasCell: true)
    {
        var p = cell.Parameters;
        _gates = [(p[0], p[1], p[2]), (p[3], p[4], p[5]), (p[6], p[7], p[8]), (p[9], p[10], p[11])];
    }

    protected override void Allocate()
    {
        for (int g = 0; g < 4; g++)
        {
            _activations[g] = new double[H * T * B];
            _deltas[g] = new double[H * T * B];
            _recurrentT[g] = Narrow ? [] : new double[H * H];
        }
        _tanhCell = new double[H * T * B];
        _dh = new double[H * B];
        _dc = new double[H * B];
        _dNext = new double[H * B];
    }

    protected override void Forward(int[][] ids)
    {
        int hb = H * B;
        for (int g = 0; g < 4; g++) ProjectInputs(_activations[g], _gates[g].Wx, _gates[g].B, ids);
        for (int t = 0; t < T; t++)
        {
            var hPrevious = Hidden.AsSpan(t * hb, hb);
            for (int g = 0; g < 4; g++)
                DenseProduct.AddProduct(_activations[g].AsSpan(t * hb, hb), _gates[g].Wh.Value.AsColumnMajorArray(), hPrevious, H, H, B);
            var i = _activations[0].AsSpan(t * hb, hb);
            var f = _activations[1].AsSpan(t * hb, hb);
            var o = _activations[2].AsSpan(t * hb, hb);
            var gc = _activations[3].AsSpan(t * hb, hb);
            var cPrevious = CellStates.AsSpan(t * hb, hb);
            var c = CellStates.AsSpan((t + 1) * hb, hb);
            var tanhC = _tanhCell.AsSpan(t * hb, hb);
            var h = Hidden.AsSpan((t + 1) * hb, hb);
            TensorPrimitives.Sigmoid(i, i);                            // vectorised σ and tanh
            TensorPrimitives.Sigmoid(f, f);
            TensorPrimitives.Sigmoid(o, o);
            TensorPrimitives.Tanh(gc, gc);
            for (int k = 0; k < hb; k++) c[k] = f[k] * cPrevious[k] + i[k] * gc[k];   // c_t = f⊙c_{t−1} + i⊙g
            TensorPrimitives.Tanh(c, tanhC);
            TensorPrimitives.Multiply(o, tanhC, h);                    // h_t = o ⊙ tanh(c_t)
        }
    }

    protected override void Backward(int[][] ids, ReadOnlySpan<double> dHidden, double[] norms)
    {
        int hb = H * B;
        for (int g = 0; g < 4; g++) PrepareTranspose(_gates[g].Wh, _recurrentT[g]);
        Array.Clear(_dNext);
        Array.Clear(_dc);   // no gradient arrives at the last cell state (truncated window)
        for (int t = T - 1; t >= 0; t--)
        {
            var output = dHidden.Slice(t * hb, hb);
            for (int k = 0; k < hb; k++) _dh[k] = output[k] + _dNext[k];
            norms[t] = Norm(_dh);
            var i = _activations[0].AsSpan(t * hb, hb);
            var f = _activations[1].AsSpan(t * hb, hb);
            var o = _activations[2].AsSpan(t * hb, hb);
            var gc = _activations[3].AsSpan(t * hb, hb);
            var cPrevious = CellStates.AsSpan(t * hb, hb);
            var tanhC = _tanhCell.AsSpan(t * hb, hb);
            var di = _deltas[0].AsSpan(t * hb, hb);
            var df = _deltas[1].AsSpan(t * hb, hb);
            var dO = _deltas[2].AsSpan(t * hb, hb);
            var dg = _deltas[3].AsSpan(t * hb, hb);
            for (int k = 0; k < hb; k++)
            {
                double dh = _dh[k];
                double dc = _dc[k] + dh * o[k] * (1 - tanhC[k] * tanhC[k]);   // dL/dc_t, both paths
                dO[k] = dh * tanhC[k] * (o[k] * (1 - o[k]));
                di[k] = dc * gc[k] * (i[k] * (1 - i[k]));
                df[k] = dc * cPrevious[k] * (f[k] * (1 - f[k]));
                dg[k] = dc * i[k] * (1 - gc[k] * gc[k]);
                _dc[k] = dc * f[k];                                          // dL/dc_{t−1} = dc ⊙ f
            }
            Array.Clear(_dNext);
            for (int g = 0; g < 4; g++)                                      // dL/dh_{t−1} = Σ_g W_hgᵀ·δ_g
                AddRecurrentGradient(_dNext, _gates[g].Wh, _recurrentT[g], _deltas[g].AsSpan(t * hb, hb));
        }
        for (int g = 0; g < 4; g++) AccumulateGate(_deltas[g], _gates[g].Wx, _gates[g].Wh, _gates[g].B, ids);
    }
}
