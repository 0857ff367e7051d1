using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Layers;

/// <summary>
/// The same affine map at every time step, y_t = W·x_t + b: the readout that turns a recurrent layer's h_t
/// into one score (logit) per class. Backward: dW += Σ_t δ_t·x_tᵀ, db += Σ_t Σ_columns δ_t, dL/dx_t = Wᵀ·δ_t.
/// Followed by <see cref="SoftmaxCrossEntropy"/> it is a model's output head.
/// </summary>
public sealed class Readout : SequenceLayer
{
    /// <summary>A readout from <paramref name="inputSize"/> to <paramref name="outputSize"/> with b = 0 and W drawn by
    /// <paramref name="initializer"/>, by default uniformly from ±1/√inputSize (PyTorch's default for linear layers);
    /// parameters named "W" and "b", then <paramref name="nameSuffix"/> (e.g. "_out" gives W_out and b_out).</summary>
    /// <param name="inputSize">D, the size of each x_t.</param>
    /// <param name="outputSize">O, the number of scores per step (e.g. the vocabulary size).</param>
    /// <param name="random">Seeded source of the initial weights.</param>
    /// <param name="nameSuffix">Appended to the parameter names.</param>
    /// <param name="initializer">Optional (rows, columns, random) → W, e.g. <see cref="Initializers.LeCunNormal"/>.</param>
    public Readout(int inputSize, int outputSize, Random random, string nameSuffix = "", Func<int, int, Random, Matrix<double>>? initializer = null)
        : this(InitialWeights(nameSuffix, outputSize, inputSize, random, initializer), new Parameter("b" + nameSuffix, Matrix<double>.Build.Dense(outputSize, 1)))
    {
    }

    /// <summary>A readout over existing parameters: <paramref name="weights"/> (O×D) and <paramref name="bias"/> (O×1).</summary>
    public Readout(Parameter weights, Parameter bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Value.RowCount != weights.Value.RowCount || bias.Value.ColumnCount != 1)
            throw new ArgumentException($"The bias is {bias.Shape} but W is {weights.Shape}: b must be {weights.Value.RowCount}×1.", nameof(bias));
        Weights = weights;
        Bias = bias;
        Parameters = [weights, bias];
    }

    /// <summary>W, O×D.</summary>
    public Parameter Weights { get; }

    /// <summary>b, O×1, added to every column.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public override int InputSize => Weights.Value.ColumnCount;

    /// <inheritdoc />
    public override int OutputSize => Weights.Value.RowCount;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>y = W·x + b for every column of <paramref name="x"/> (one step, e.g. while generating).</summary>
    public Matrix<double> Apply(Matrix<double> x)
    {
        var y = Weights.Value * x;
        for (int b = 0; b < y.ColumnCount; b++)
            for (int i = 0; i < y.RowCount; i++)
                y[i, b] += Bias.Value[i, 0];
        return y;
    }

    /// <summary>y_t = W·x_t + b at every step (the readout has no state).</summary>
    public override ReadoutTrace Forward(SequenceInput inputs, LayerState? initial = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Size != InputSize)
            throw new ArgumentException($"The inputs have size D = {inputs.Size} but this readout reads {InputSize}.", nameof(inputs));
        return new ReadoutTrace(this, inputs, Enumerable.Range(0, inputs.Length).Select(t => Apply(inputs[t])).ToArray());
    }

    /// <summary>Adds dW and db from every step's δ_t = dL/dy_t and returns dL/dx_t = Wᵀ·δ_t.</summary>
    public override LayerGradients Backward(LayerTrace trace, IReadOnlyList<Matrix<double>?> outputGradients, LayerState? finalStateGradient = null)
    {
        var own = OwnTrace<ReadoutTrace>(trace);
        CheckOutputGradients(own, outputGradients);
        int B = own.Inputs.BatchSize;
        var dInputs = new Matrix<double>[own.Length];
        for (int t = 0; t < own.Length; t++)
        {
            var delta = outputGradients[t] ?? Matrix<double>.Build.Dense(OutputSize, B);
            ProductAccumulation.AddProduct(Weights.Gradient, delta, false, own.Inputs[t], true);   // dW += δ·xᵀ
            for (int b = 0; b < B; b++)                                                            // db += Σ_b δ
                for (int i = 0; i < OutputSize; i++)
                    Bias.Gradient[i, 0] += delta[i, b];
            dInputs[t] = Weights.Value.TransposeThisAndMultiply(delta);                             // dL/dx = Wᵀ·δ
        }
        return new LayerGradients(own.Inputs.IsOneHot ? null : dInputs, null);
    }

    public override string ToString() => $"Readout {InputSize} → {OutputSize}";

    static Parameter InitialWeights(string nameSuffix, int rows, int columns, Random random, Func<int, int, Random, Matrix<double>>? initializer)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rows <= 0 || columns <= 0)
            throw new ArgumentOutOfRangeException(rows <= 0 ? "outputSize" : "inputSize", "A readout's input and output sizes must be positive.");
        double bound = 1 / Math.Sqrt(columns);
        var value = initializer?.Invoke(rows, columns, random)
            ?? Matrix<double>.Build.Dense(rows, columns, (_, _) => bound * (2 * random.NextDouble() - 1));
        if (value.RowCount != rows || value.ColumnCount != columns)
            throw new ArgumentException($"The initializer returned a {value.RowCount}×{value.ColumnCount} matrix for W{nameSuffix}, which must be {rows}×{columns}.", nameof(initializer));
        return new Parameter("W" + nameSuffix, value);
    }
}

/// <summary>The forward record of a <see cref="Readout"/>: its inputs and outputs (a readout needs nothing else).</summary>
public sealed class ReadoutTrace : LayerTrace
{
    internal ReadoutTrace(Readout layer, SequenceInput inputs, IReadOnlyList<Matrix<double>> outputs) : base(layer, inputs) => Outputs = outputs;

    /// <inheritdoc />
    public override IReadOnlyList<Matrix<double>> Outputs { get; }

    /// <summary>None: a readout has no state.</summary>
    public override LayerState? FinalState => null;
}
