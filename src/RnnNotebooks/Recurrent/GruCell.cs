using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// The gated recurrent unit (Cho et al. 2014), in the convention of d2l.ai:
/// <code>
/// z_t = σ(W_xz·x_t + W_hz·h_{t−1} + b_z)               update gate: how much of the old state to keep
/// r_t = σ(W_xr·x_t + W_hr·h_{t−1} + b_r)               reset gate: how much of the old state the candidate sees
/// n_t = tanh(W_xn·x_t + W_hn·(r_t ⊙ h_{t−1}) + b_n)    candidate state
/// h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t
/// </code>
/// Like the LSTM's cell state, the z ⊙ h_{t−1} term lets gradients flow back without squashing.
/// The reset gate acts on h_{t−1} before the product with W_hn, as in Cho et al. and d2l.ai. PyTorch's
/// <c>nn.GRU</c> and cuDNN use the other variant, n_t = tanh(W_xn·x_t + b_xn + r_t ⊙ (W_hn·h_{t−1} + b_hn)), which
/// lets all of W_h·h_{t−1} be one product before r_t is known; the two are different functions, so weights
/// do not carry over between them.
/// </summary>
public sealed class GruCell : RecurrentCell
{
    readonly Parameter _wxz, _whz, _bz, _wxr, _whr, _br, _wxn, _whn, _bn;

    /// <summary>Creates a GRU with D = <paramref name="inputSize"/> inputs and H = <paramref name="hiddenSize"/> units.</summary>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H, the size of h_t.</param>
    /// <param name="seed">Seed of the default uniform initialisation.</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for each W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for each W_h·.</param>
    /// <param name="name">Prefix of the parameter names (e.g. "layer1.").</param>
    public GruCell(int inputSize, int hiddenSize, int seed = 0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null,
        string name = "")
        : base(inputSize, hiddenSize, name)
    {
        var random = new Random(seed);
        (_wxz, _whz, _bz) = Gate("z", random, inputInitializer, recurrentInitializer);
        (_wxr, _whr, _br) = Gate("r", random, inputInitializer, recurrentInitializer);
        (_wxn, _whn, _bn) = Gate("n", random, inputInitializer, recurrentInitializer);
        Parameters = [_wxz, _whz, _bz, _wxr, _whr, _br, _wxn, _whn, _bn];
    }

    /// <inheritdoc />
    public override string Kind => nameof(CellKind.Gru);

    /// <summary>W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xn, W_hn, b_n (update gate, reset gate, candidate).</summary>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    protected override CellStep StepForward(SequenceInput x, int t, RecurrentState previous)
    {
        var h0 = previous.Hidden;
        var z = Sigmoid(Affine(_wxz, _whz, _bz, x, t, h0));     // z_t = σ(W_xz·x_t + W_hz·h_{t−1} + b_z)
        var r = Sigmoid(Affine(_wxr, _whr, _br, x, t, h0));     // r_t = σ(W_xr·x_t + W_hr·h_{t−1} + b_r)
        var resetH = r.PointwiseMultiply(h0);                   // r_t ⊙ h_{t−1}
        var n = Tanh(Affine(_wxn, _whn, _bn, x, t, resetH));    // n_t = tanh(W_xn·x_t + W_hn·(r⊙h_{t−1}) + b_n)
        var h = z.PointwiseMultiply(h0) + (1 - z).PointwiseMultiply(n); // h_t = z⊙h_{t−1} + (1−z)⊙n_t
        return new GruStep(new RecurrentState(h), z, r, n, resetH);
    }

    /// <inheritdoc />
    protected override RecurrentState StepBackward(SequenceInput x, int t, CellStep cached, RecurrentState previous, RecurrentState dState, Matrix<double>? dx)
    {
        var s = (GruStep)cached;
        var h0 = previous.Hidden;
        var dh = dState.Hidden;
        var dPrevious = dh.PointwiseMultiply(s.Update);                          // direct path: dh ⊙ z
        var dZ = dh.PointwiseMultiply(h0 - s.Candidate);                         // dL/dz = dh ⊙ (h_{t−1} − n)
        var dN = dh.PointwiseMultiply(1 - s.Update);                             // dL/dn = dh ⊙ (1 − z)

        var dResetH = Matrix<double>.Build.Dense(HiddenSize, dh.ColumnCount);    // dL/d(r⊙h_{t−1})
        AffineBackward(_wxn, _whn, _bn, x, t, s.ResetHidden, dN.PointwiseMultiply(TanhSlope(s.Candidate)), dResetH, dx);
        dPrevious.Add(dResetH.PointwiseMultiply(s.Reset), dPrevious);           // through r ⊙ h_{t−1}
        var dR = dResetH.PointwiseMultiply(h0);                                  // dL/dr = d(r⊙h) ⊙ h_{t−1}
        AffineBackward(_wxz, _whz, _bz, x, t, h0, dZ.PointwiseMultiply(SigmoidSlope(s.Update)), dPrevious, dx);
        AffineBackward(_wxr, _whr, _br, x, t, h0, dR.PointwiseMultiply(SigmoidSlope(s.Reset)), dPrevious, dx);
        return new RecurrentState(dPrevious);
    }
}

/// <summary>The cache of one <see cref="GruCell"/> step (each H×B).</summary>
/// <param name="State">h_t.</param>
/// <param name="Update">z_t, the update gate.</param>
/// <param name="Reset">r_t, the reset gate.</param>
/// <param name="Candidate">n_t, the candidate state.</param>
/// <param name="ResetHidden">r_t ⊙ h_{t−1}, the input of W_hn.</param>
public sealed record GruStep(RecurrentState State, Matrix<double> Update, Matrix<double> Reset, Matrix<double> Candidate,
    Matrix<double> ResetHidden) : CellStep(State);
