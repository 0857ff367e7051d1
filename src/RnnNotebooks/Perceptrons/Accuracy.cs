using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>Accuracy: the fraction of examples whose predicted class equals the true one.</summary>
public static class Accuracy
{
    /// <summary>
    /// The fraction (0 to 1) of entries where <paramref name="predictedLabels"/> equals
    /// <paramref name="targets"/>; both hold class labels 0 or 1, in the same shape.
    /// </summary>
    public static double Of(Matrix<double> predictedLabels, Matrix<double> targets)
    {
        ArgumentNullException.ThrowIfNull(predictedLabels);
        Shapes.RequireSame(targets, predictedLabels, "The targets matrix", "the predictions", nameof(targets));
        Shapes.RequireLabels(predictedLabels, nameof(predictedLabels));
        Shapes.RequireLabels(targets, nameof(targets));
        int correct = predictedLabels.Map2((p, y) => p == y ? 1.0 : 0.0, targets).Enumerate().Count(v => v == 1);
        return (double)correct / (targets.RowCount * targets.ColumnCount);
    }
}
