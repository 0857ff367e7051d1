using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// A fully connected (dense) layer: every output unit sees every input, A = f(W·X + b).
/// X holds one example per column (inputs × batch), W is outputs × inputs, b is outputs × 1 and is
/// added to every column, and f is the <see cref="Activation"/>. <see cref="Forward"/> remembers X
/// and Z = W·X + b so that <see cref="Backward"/> can apply the chain rule:
/// ∂L/∂Z = ∂L/∂A ⊙ f′(Z), ∂L/∂W = ∂L/∂Z · Xᵀ, ∂L/∂b = ∂L/∂Z summed over the batch, ∂L/∂X = Wᵀ · ∂L/∂Z.
/// </summary>
public sealed class DenseLayer : IModel
{
    Matrix<double>? _inputs;
    Matrix<double>? _preActivation;

    /// <summary>
    /// Creates a layer with <paramref name="inputSize"/> inputs and <paramref name="outputSize"/> units.
    /// With a <paramref name="random"/> source the weights are drawn from N(0, 1/inputSize), which keeps
    /// Z of order 1 whatever the fan-in; without one they start at zero (right for a single perceptron,
    /// wrong for hidden layers: identical units get identical gradients and never differ). Biases start at 0.
    /// </summary>
    /// <param name="inputSize">Features per example (rows of X).</param>
    /// <param name="outputSize">Units in the layer (rows of the output).</param>
    /// <param name="activation">f, applied to every unit.</param>
    /// <param name="random">Seeded source for the initial weights; null for all-zero weights.</param>
    /// <param name="nameSuffix">Appended to the parameter names "W" and "b", e.g. "1" gives W1 and b1.</param>
    public DenseLayer(int inputSize, int outputSize, Activation activation, Random? random = null, string nameSuffix = "")
    {
        Shapes.RequirePositive(inputSize, nameof(inputSize));
        Shapes.RequirePositive(outputSize, nameof(outputSize));
        ArgumentNullException.ThrowIfNull(activation);
        Activation = activation;
        var weights = random is null
            ? Matrix<double>.Build.Dense(outputSize, inputSize)
            : Initializers.LeCunNormal(outputSize, inputSize, random);
        Weights = new Parameter("W" + nameSuffix, weights);
        Bias = new Parameter("b" + nameSuffix, Matrix<double>.Build.Dense(outputSize, 1));
        Parameters = [Weights, Bias];
    }

    /// <summary>Features per example this layer expects.</summary>
    public int InputSize => Weights.Value.ColumnCount;

    /// <summary>Units, i.e. numbers produced per example.</summary>
    public int OutputSize => Weights.Value.RowCount;

    /// <summary>The activation f.</summary>
    public Activation Activation { get; }

    /// <summary>W, outputs × inputs: row i holds the weights of unit i.</summary>
    public Parameter Weights { get; }

    /// <summary>b, outputs × 1.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Z = W·X + b for a batch X (inputs × batch), without remembering anything.</summary>
    public Matrix<double> PreActivation(Matrix<double> inputs)
    {
        Shapes.RequireRows(inputs, InputSize, "The layer's input", nameof(inputs));
        var z = Weights.Value * inputs;
        for (int j = 0; j < z.ColumnCount; j++)
            z.SetColumn(j, z.Column(j) + Bias.Value.Column(0));
        return z;
    }

    /// <summary>A = f(W·X + b) for a batch X (inputs × batch); remembers X and Z for <see cref="Backward"/>.</summary>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        var z = PreActivation(inputs);
        _inputs = inputs;
        _preActivation = z;
        return Activation.Apply(z);
    }

    /// <summary>
    /// Given ∂L/∂A for the outputs of the last <see cref="Forward"/>, ADDS ∂L/∂W and ∂L/∂b to the
    /// parameters' gradients (call <see cref="Parameter.ZeroGradient"/> first) and returns ∂L/∂X, the
    /// gradient to hand to the layer below.
    /// </summary>
    public Matrix<double> Backward(Matrix<double> outputGradient)
    {
        if (_inputs is null || _preActivation is null)
            throw new InvalidOperationException("Backward needs the inputs of a forward pass: call Forward(inputs) first.");
        Shapes.RequireSame(outputGradient, _preActivation, "The gradient of the layer's output", "the last Forward's output", nameof(outputGradient));

        var dz = outputGradient.PointwiseMultiply(Activation.Derivative(_preActivation));
        Weights.Gradient.Add(dz * _inputs.Transpose(), Weights.Gradient);
        Bias.Gradient.Add(dz.RowSums().ToColumnMatrix(), Bias.Gradient);
        return Weights.Value.Transpose() * dz;
    }

    public override string ToString() => $"DenseLayer {InputSize} → {OutputSize} ({Activation})";
}
