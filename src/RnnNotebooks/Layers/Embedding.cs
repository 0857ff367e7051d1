using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Layers;

/// <summary>
/// A learned embedding: each input id c_t becomes a column of a table E (D×V), y_t = E[:, c_t], which is
/// E·x_t for the one-hot x_t, looked up instead of multiplied. Backward: dE[:, c_t] += dL/dy_t for every time
/// c_t was read; ids have no gradient.
/// </summary>
public sealed class Embedding : SequenceLayer
{
    /// <summary>A table of <paramref name="size"/> numbers per id for <paramref name="vocabularySize"/> ids, entries
    /// drawn uniformly with variance 1 (from ±√3), like a freshly initialised embedding; the parameter is named "E".</summary>
    public Embedding(int vocabularySize, int size, Random random)
        : this(new Parameter("E", InitialTable(size, vocabularySize, random)))
    {
    }

    /// <summary>An embedding over an existing table E (D×V).</summary>
    public Embedding(Parameter table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        Parameters = [table];
    }

    /// <summary>E, D×V: column c is the vector of id c.</summary>
    public Parameter Table { get; }

    /// <summary>V, the number of ids.</summary>
    public override int InputSize => Table.Value.ColumnCount;

    /// <summary>D, the size of each vector.</summary>
    public override int OutputSize => Table.Value.RowCount;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>y_t = E[:, c_t] for one-hot inputs (ids) of size V.</summary>
    public override EmbeddingTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.IsOneHot)
            throw new ArgumentException("An embedding reads ids: give SequenceInput.OneHot(ids, V), not dense vectors.", nameof(inputs));
        if (inputs.Size != InputSize)
            throw new ArgumentException($"The ids are of a vocabulary of {inputs.Size} but this embedding has {InputSize} columns.", nameof(inputs));
        return new EmbeddingTrace(this, inputs, Enumerable.Range(0, inputs.Length).Select(t => inputs.Project(Table.Value, t)).ToArray());
    }

    /// <summary>Adds every step's dL/dy_t into the columns of dE it was read from; returns no input gradient.</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<EmbeddingTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        for (int t = 0; t < own.Length; t++)
            if (outputGradients[t] is { } delta) own.Inputs.AccumulateWeightGradient(Table.Gradient, delta, t);   // dE[:, c_t] += δ_t
        return new LayerGradients(null, null);
    }

    public override string ToString() => $"Embedding {InputSize} ids → {OutputSize}";

    static Matrix<double> InitialTable(int rows, int columns, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rows <= 0 || columns <= 0)
            throw new ArgumentOutOfRangeException(rows <= 0 ? "size" : "vocabularySize", "An embedding's vocabulary and vector size must be positive.");
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => Math.Sqrt(3) * (2 * random.NextDouble() - 1));
    }
}

/// <summary>The forward record of an <see cref="Embedding"/>: the ids and the vectors looked up.</summary>
public sealed class EmbeddingTrace : LayerTrace
{
    internal EmbeddingTrace(Embedding layer, SequenceInput inputs, IReadOnlyList<Matrix<double>> outputs) : base(layer, inputs) => Outputs = outputs;

    /// <inheritdoc />
    public override IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>None: an embedding has no state.</summary>
    public override LayerState? FinalState => null;
}
