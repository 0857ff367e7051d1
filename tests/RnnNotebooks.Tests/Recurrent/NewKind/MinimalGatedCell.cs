using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Recurrent.NewKind;

/// <summary>
/// A cell kind the library does not have, written as a learner would add one: the minimal gated unit
/// (Zhou, Wu, Zhang &amp; Zhou 2016), a GRU with a single gate.
/// <code>
/// f_t = σ(W_xf·x_t + W_hf·h_{t−1} + b_f)              forget gate
/// n_t = tanh(W_xn·x_t + W_hn·(f_t ⊙ h_{t−1}) + b_n)    candidate state
/// h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ n_t
/// </code>
/// Only the one-step equations are written here; the base class owns the loop over time and BPTT.
/// </summary>
public sealed class MinimalGatedCell : RecurrentCell
{
    readonly Parameter _wxf, _whf, _bf, _wxn, _whn, _bn;

    public MinimalGatedCell(int inputSize, int hiddenSize, int seed = 0, string name = "",
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null)
        : base(inputSize, hiddenSize, name)
    {
        var random = new Random(seed);
        (_wxf, _whf, _bf) = Gate("f", random, inputInitializer, recurrentInitializer);
        (_wxn, _whn, _bn) = Gate("n", random, inputInitializer, recurrentInitializer);
        Parameters = [_wxf, _whf, _bf, _wxn, _whn, _bn];
    }

    public override string Kind => "Mgu";

    public override IReadOnlyList<Parameter> Parameters { get; }

    protected override CellStep StepForward(SequenceInput x, int t, RecurrentState previous)
    {
        var h0 = previous.Hidden;
        var f = Sigmoid(Affine(_wxf, _whf, _bf, x, t, h0));
        var gated = f.PointwiseMultiply(h0);
        var n = Tanh(Affine(_wxn, _whn, _bn, x, t, gated));
        var h = (1 - f).PointwiseMultiply(h0) + f.PointwiseMultiply(n);
        return new MinimalGatedStep(new RecurrentState(h), f, n, gated);
    }

    protected override RecurrentState StepBackward(SequenceInput x, int t, CellStep cached, RecurrentState previous, RecurrentState dState, Matrix<double>? dx)
    {
        var s = (MinimalGatedStep)cached;
        var h0 = previous.Hidden;
        var dh = dState.Hidden;
        var dPrevious = dh.PointwiseMultiply(1 - s.Forget);                      // direct path: dh ⊙ (1 − f)
        var dF = dh.PointwiseMultiply(s.Candidate - h0);                         // dL/df from h_t
        var dGated = Matrix<double>.Build.Dense(HiddenSize, dh.ColumnCount);     // dL/d(f ⊙ h_{t−1})
        AffineBackward(_wxn, _whn, _bn, x, t, s.Gated, dh.PointwiseMultiply(s.Forget).PointwiseMultiply(TanhSlope(s.Candidate)), dGated, dx);
        dPrevious.Add(dGated.PointwiseMultiply(s.Forget), dPrevious);            // through f ⊙ h_{t−1}
        dF.Add(dGated.PointwiseMultiply(h0), dF);                                // and f's share of it
        AffineBackward(_wxf, _whf, _bf, x, t, h0, dF.PointwiseMultiply(SigmoidSlope(s.Forget)), dPrevious, dx);
        return new RecurrentState(dPrevious);
    }
}

/// <summary>The cache of one <see cref="MinimalGatedCell"/> step: h_t, f_t, n_t and f_t ⊙ h_{t−1}.</summary>
public sealed record MinimalGatedStep(RecurrentState State, Matrix<double> Forget, Matrix<double> Candidate, Matrix<double> Gated) : CellStep(State);
