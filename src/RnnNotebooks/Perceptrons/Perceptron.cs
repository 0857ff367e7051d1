using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// Rosenblatt's perceptron: one unit ŷ = step(w·x + b) that answers 0 or 1, trained by the
/// perceptron learning rule: for each example in turn, w ← w + η(y − ŷ)x and b ← b + η(y − ŷ).
/// A correct answer changes nothing; a wrong one tilts the decision boundary w·x + b = 0 towards the
/// example. If a straight line (a hyperplane) separates the two classes, the rule finds one in finitely
/// many updates (the perceptron convergence theorem); if none exists, as for XOR, it never settles.
/// </summary>
public sealed class Perceptron : IModel
{
    /// <summary>Creates a perceptron with <paramref name="inputSize"/> inputs, all weights zero.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="learningRate">η, the size of each correction (any positive value; with zero
    /// initial weights it only scales w and b, and leaves the boundary's path unchanged).</param>
    public Perceptron(int inputSize, double learningRate = 1.0)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number, e.g. 1.");
        Layer = new DenseLayer(inputSize, 1, Activation.Step);
        LearningRate = learningRate;
    }

    /// <summary>The unit itself: a 1-output <see cref="DenseLayer"/> with the step activation.</summary>
    public DenseLayer Layer { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>w, 1 × inputs.</summary>
    public Parameter Weights => Layer.Weights;

    /// <summary>b, 1 × 1.</summary>
    public Parameter Bias => Layer.Bias;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => Layer.Parameters;

    /// <summary>The predicted classes (0 or 1), 1 × batch, for inputs X (inputs × batch).</summary>
    public Matrix<double> Predict(Matrix<double> inputs) => Activation.Step.Apply(Layer.PreActivation(inputs));

    /// <summary>
    /// One pass of the perceptron rule over the examples in column order; returns how many it got
    /// wrong (each of those made an update).
    /// </summary>
    /// <param name="inputs">X, inputs × batch.</param>
    /// <param name="targets">y, 1 × batch, labels 0 or 1.</param>
    public int TrainEpoch(Matrix<double> inputs, Matrix<double> targets)
    {
        CheckData(inputs, targets);
        int mistakes = 0;
        for (int j = 0; j < inputs.ColumnCount; j++)
        {
            var x = inputs.SubMatrix(0, inputs.RowCount, j, 1);
            double error = targets[0, j] - Predict(x)[0, 0];
            if (error == 0) continue;
            mistakes++;
            Weights.Value.Add(x.Transpose() * (LearningRate * error), Weights.Value);
            Bias.Value[0, 0] += LearningRate * error;
        }
        return mistakes;
    }

    /// <summary>
    /// Repeats <see cref="TrainEpoch"/> until an epoch makes no mistake (the data are separated) or
    /// <paramref name="maxEpochs"/> have run; returns the mistakes of each epoch.
    /// </summary>
    public IReadOnlyList<int> Train(Matrix<double> inputs, Matrix<double> targets, int maxEpochs)
    {
        Shapes.RequirePositive(maxEpochs, nameof(maxEpochs));
        var mistakes = new List<int>();
        do mistakes.Add(TrainEpoch(inputs, targets));
        while (mistakes[^1] > 0 && mistakes.Count < maxEpochs);
        return mistakes;
    }

    /// <summary>The fraction of examples classified correctly.</summary>
    public double Accuracy(Matrix<double> inputs, Matrix<double> targets)
    {
        CheckData(inputs, targets);
        return Perceptrons.Accuracy.Of(Predict(inputs), targets);
    }

    void CheckData(Matrix<double> inputs, Matrix<double> targets)
    {
        Shapes.RequireRows(inputs, Layer.InputSize, "The perceptron's input", nameof(inputs));
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.RowCount != 1 || targets.ColumnCount != inputs.ColumnCount)
            throw new ArgumentException(
                $"The targets must be 1×{inputs.ColumnCount}, one label per example (column) of the inputs; got {Shapes.Of(targets)}.",
                nameof(targets));
        Shapes.RequireLabels(targets, nameof(targets));
    }

    public override string ToString() => $"Perceptron w = [{string.Join(", ", Weights.Value.Row(0).Select(v => v.ToString("G4")))}], b = {Bias.Value[0, 0]:G4}";
}
