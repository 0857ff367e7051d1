using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Layers;

/// <summary>
/// A layer run backwards in time: it reads x_T … x_1 and its output y_t is what the inner layer wrote after
/// reading x_T … x_t, so y_t summarises the sequence from t to the end. Backward reverses the gradients the
/// same way. The backward direction of a <see cref="Bidirectional"/> layer.
/// </summary>
public sealed class Reversed : SequenceLayer
{
    /// <summary>Runs <paramref name="inner"/> backwards in time.</summary>
    public Reversed(SequenceLayer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The layer that reads the reversed sequence.</summary>
    public SequenceLayer Inner { get; }

    /// <inheritdoc />
    public override int InputSize => Inner.InputSize;

    /// <inheritdoc />
    public override int OutputSize => Inner.OutputSize;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => Inner.Parameters;

    /// <inheritdoc />
    public override LayerState? ZeroState(int batchSize) => Inner.ZeroState(batchSize);

    /// <summary>The inner layer over x_T … x_1, from <paramref name="initial"/> (the state before reading x_T).</summary>
    public override ReversedTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new ReversedTrace(this, inputs, Inner.Forward(inputs.Reversed(), initial));
    }

    /// <summary>dL/dy_t reversed into the inner layer's order, its backward pass, and dL/dx_t reversed back.</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<ReversedTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        var inner = Inner.Backward(own.Inner, outputGradients.Reverse().ToArray(), finalStateGradient);
        return new LayerGradients(inner.Inputs?.Reverse().ToArray(), inner.InitialStateGradient);
    }

    public override string ToString() => $"Reversed({Inner})";
}

/// <summary>The forward record of a <see cref="Reversed"/> layer: the inner layer's trace over x_T … x_1.</summary>
public sealed class ReversedTrace : LayerTrace
{
    IReadOnlyList<Matrix<double>>? _outputs;

    internal ReversedTrace(Reversed layer, SequenceInput inputs, LayerTrace inner) : base(layer, inputs) => Inner = inner;

    /// <summary>The inner layer's trace, in its own (reversed) time order.</summary>
    public LayerTrace Inner { get; }

    /// <summary>y_1 … y_T in the sequence's order: y_t is the inner output after reading x_T … x_t.</summary>
    public override IReadOnlyList<Matrix<double>> Outputs => _outputs ??= Inner.Outputs.Reverse().ToArray();

    /// <summary>The state after reading x_1, the inner layer's last step.</summary>
    public override LayerState? FinalState => Inner.FinalState;
}
