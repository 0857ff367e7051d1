using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Long short-term memory (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al. 2000):
/// <code>
/// i_t = σ(W_xi·x_t + W_hi·h_{t−1} + b_i)    input gate: how much new content to write
/// f_t = σ(W_xf·x_t + W_hf·h_{t−1} + b_f)    forget gate: how much old memory to keep
/// o_t = σ(W_xo·x_t + W_ho·h_{t−1} + b_o)    output gate: how much memory to show
/// g_t = tanh(W_xg·x_t + W_hg·h_{t−1} + b_g) candidate content
/// c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t           cell state: an additive path through time
/// h_t = o_t ⊙ tanh(c_t)
/// </code>
/// Backwards, dL/dc_{t−1} = dL/dc_t ⊙ f_t: no squashing and no shared matrix, so with f near 1 the
/// gradient survives many steps. The forget bias starts at 1 (Jozefowicz et al. 2015) so the cell
/// remembers by default.
/// </summary>
public sealed class LstmCell : RecurrentCell
{
    readonly Parameter _wxi, _whi, _bi, _wxf, _whf, _bf, _wxo, _who, _bo, _wxg, _whg, _bg;

    /// <summary>Creates an LSTM with D = <paramref name="inputSize"/> inputs and H = <paramref name="hiddenSize"/> units.</summary>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H, the size of h_t and c_t.</param>
    /// <param name="forgetBias">The initial value of every entry of b_f (default 1: remember by default).</param>
    /// <param name="seed">Seed of the default uniform initialisation.</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for each W_x·.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for each W_h·.</param>
    /// <param name="name">Prefix of the parameter names (e.g. "layer1.").</param>
    public LstmCell(int inputSize, int hiddenSize, double forgetBias = 1.0, int seed = 0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null,
        string name = "")
        : base(inputSize, hiddenSize, name)
    {
        if (!double.IsFinite(forgetBias))
            throw new ArgumentOutOfRangeException(nameof(forgetBias), forgetBias, "The forget-gate bias must be a finite number, typically 1.");
        ForgetBias = forgetBias;
        var random = new Random(seed);
        (_wxi, _whi, _bi) = Gate("i", random, inputInitializer, recurrentInitializer, 0);
        (_wxf, _whf, _bf) = Gate("f", random, inputInitializer, recurrentInitializer, forgetBias);
        (_wxo, _who, _bo) = Gate("o", random, inputInitializer, recurrentInitializer, 0);
        (_wxg, _whg, _bg) = Gate("g", random, inputInitializer, recurrentInitializer, 0);
        Parameters = [_wxi, _whi, _bi, _wxf, _whf, _bf, _wxo, _who, _bo, _wxg, _whg, _bg];
    }

    /// <summary>The initial forget-gate bias.</summary>
    public double ForgetBias { get; }

    /// <inheritdoc />
    public override string Kind => nameof(CellKind.Lstm);

    /// <inheritdoc />
    public override bool HasCellState => true;

    /// <summary>W_xi, W_hi, b_i, W_xf, W_hf, b_f, W_xo, W_ho, b_o, W_xg, W_hg, b_g (gates i, f, o, then candidate g).</summary>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    protected override CellStep StepForward(SequenceInput x, int t, RecurrentState previous)
    {
        var h0 = previous.Hidden;
        var i = Sigmoid(Affine(_wxi, _whi, _bi, x, t, h0));    // i_t = σ(W_xi·x_t + W_hi·h_{t−1} + b_i)
        var f = Sigmoid(Affine(_wxf, _whf, _bf, x, t, h0));    // f_t = σ(W_xf·x_t + W_hf·h_{t−1} + b_f)
        var o = Sigmoid(Affine(_wxo, _who, _bo, x, t, h0));    // o_t = σ(W_xo·x_t + W_ho·h_{t−1} + b_o)
        var g = Tanh(Affine(_wxg, _whg, _bg, x, t, h0));       // g_t = tanh(W_xg·x_t + W_hg·h_{t−1} + b_g)
        var c = f.PointwiseMultiply(previous.Cell!) + i.PointwiseMultiply(g); // c_t = f⊙c_{t−1} + i⊙g
        var tanhC = Tanh(c);
        var h = o.PointwiseMultiply(tanhC);                    // h_t = o ⊙ tanh(c_t)
        return new LstmStep(new RecurrentState(h, c), i, f, o, g, tanhC);
    }

    /// <inheritdoc />
    protected override RecurrentState StepBackward(SequenceInput x, int t, CellStep cached, RecurrentState previous, RecurrentState dState, Matrix<double>? dx)
    {
        var s = (LstmStep)cached;
        var dh = dState.Hidden;
        var dO = dh.PointwiseMultiply(s.TanhCell);                                  // dL/do = dh ⊙ tanh(c)
        var dc = dState.Cell! + dh.PointwiseMultiply(s.Output).PointwiseMultiply(TanhSlope(s.TanhCell)); // dL/dc_t, both paths
        var dI = dc.PointwiseMultiply(s.Candidate);                                 // dL/di = dc ⊙ g
        var dF = dc.PointwiseMultiply(previous.Cell!);                              // dL/df = dc ⊙ c_{t−1}
        var dG = dc.PointwiseMultiply(s.Input);                                     // dL/dg = dc ⊙ i

        var dPrevious = Matrix<double>.Build.Dense(HiddenSize, dh.ColumnCount);
        var h0 = previous.Hidden;
        AffineBackward(_wxi, _whi, _bi, x, t, h0, dI.PointwiseMultiply(SigmoidSlope(s.Input)), dPrevious, dx);
        AffineBackward(_wxf, _whf, _bf, x, t, h0, dF.PointwiseMultiply(SigmoidSlope(s.Forget)), dPrevious, dx);
        AffineBackward(_wxo, _who, _bo, x, t, h0, dO.PointwiseMultiply(SigmoidSlope(s.Output)), dPrevious, dx);
        AffineBackward(_wxg, _whg, _bg, x, t, h0, dG.PointwiseMultiply(TanhSlope(s.Candidate)), dPrevious, dx);
        return new RecurrentState(dPrevious, dc.PointwiseMultiply(s.Forget));      // dL/dc_{t−1} = dc ⊙ f
    }
}

/// <summary>The cache of one <see cref="LstmCell"/> step: the gate activations (each H×B) and tanh(c_t).</summary>
/// <param name="State">h_t and c_t.</param>
/// <param name="Input">i_t, the input gate.</param>
/// <param name="Forget">f_t, the forget gate.</param>
/// <param name="Output">o_t, the output gate.</param>
/// <param name="Candidate">g_t, the candidate content.</param>
/// <param name="TanhCell">tanh(c_t).</param>
public sealed record LstmStep(RecurrentState State, Matrix<double> Input, Matrix<double> Forget, Matrix<double> Output,
    Matrix<double> Candidate, Matrix<double> TanhCell) : CellStep(State);
