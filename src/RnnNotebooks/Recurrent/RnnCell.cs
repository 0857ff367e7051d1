using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// The plain (Elman) recurrent cell:
/// h_t = φ(W_xh·x_t + W_hh·h_{t−1} + b_h), with φ = tanh (default) or ReLU.
/// The same W_hh multiplies the gradient at every step backwards, which is why its gradients
/// vanish or explode over long sequences.
/// </summary>
public sealed class RnnCell : RecurrentCell
{
    readonly Parameter _wxh, _whh, _bh;

    /// <summary>Creates a cell with D = <paramref name="inputSize"/> inputs and H = <paramref name="hiddenSize"/> units.</summary>
    /// <param name="inputSize">D, the size of x_t.</param>
    /// <param name="hiddenSize">H, the size of h_t.</param>
    /// <param name="activation">φ: tanh or ReLU.</param>
    /// <param name="seed">Seed of the default uniform initialisation.</param>
    /// <param name="inputInitializer">Optional (rows, columns, random) → matrix for W_xh.</param>
    /// <param name="recurrentInitializer">Optional (rows, columns, random) → matrix for W_hh.</param>
    /// <param name="name">Prefix of the parameter names (e.g. "layer1.").</param>
    public RnnCell(int inputSize, int hiddenSize, RnnActivation activation = RnnActivation.Tanh, int seed = 0,
        Func<int, int, Random, Matrix<double>>? inputInitializer = null,
        Func<int, int, Random, Matrix<double>>? recurrentInitializer = null,
        string name = "")
        : base(inputSize, hiddenSize, name)
    {
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "The activation must be RnnActivation.Tanh or RnnActivation.Relu.");
        Activation = activation;
        var random = new Random(seed);
        _wxh = Weight("W_xh", hiddenSize, inputSize, random, inputInitializer);
        _whh = Weight("W_hh", hiddenSize, hiddenSize, random, recurrentInitializer);
        _bh = Bias("b_h");
        Parameters = [_wxh, _whh, _bh];
    }

    /// <summary>φ, the nonlinearity.</summary>
    public RnnActivation Activation { get; }

    /// <inheritdoc />
    public override string Kind => nameof(CellKind.Rnn);

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>W_xh (H×D): input to hidden.</summary>
    public Parameter InputWeights => _wxh;

    /// <summary>W_hh (H×H): hidden to hidden, the weight shared across time.</summary>
    public Parameter RecurrentWeights => _whh;

    /// <summary>b_h (H×1).</summary>
    public Parameter HiddenBias => _bh;

    /// <inheritdoc />
    protected override CellStep StepForward(SequenceInput x, int t, RecurrentState previous)
    {
        var z = Affine(_wxh, _whh, _bh, x, t, previous.Hidden);   // z_t = W_xh·x_t + W_hh·h_{t−1} + b_h
        var h = Activation == RnnActivation.Tanh                  // h_t = φ(z_t)
            ? Tanh(z)
            : EntryByEntry(z, v => Math.Max(v, 0));
        return new RnnStep(new RecurrentState(h));
    }

    /// <inheritdoc />
    protected override RecurrentState StepBackward(SequenceInput x, int t, CellStep step, RecurrentState previous, RecurrentState dState, Matrix<double>? dx)
    {
        var h = step.State.Hidden;
        var slope = Activation == RnnActivation.Tanh              // φ'(z_t), from h_t
            ? TanhSlope(h)
            : EntryByEntry(h, v => v > 0 ? 1.0 : 0.0);
        var dz = dState.Hidden.PointwiseMultiply(slope);          // dL/dz_t = dL/dh_t ⊙ φ'(z_t)
        var dPrevious = Matrix<double>.Build.Dense(HiddenSize, h.ColumnCount);
        AffineBackward(_wxh, _whh, _bh, x, t, previous.Hidden, dz, dPrevious, dx); // dL/dh_{t−1} = W_hhᵀ·dz_t
        return new RecurrentState(dPrevious);
    }
}

/// <summary>The cache of one <see cref="RnnCell"/> step: just h_t (φ' can be read from it).</summary>
public sealed record RnnStep(RecurrentState State) : CellStep(State);
