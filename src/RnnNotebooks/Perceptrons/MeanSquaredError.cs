using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// Mean squared error, L = (1/n) Σ (ŷ − y)² over the n entries; ∂L/∂ŷ = 2(ŷ − y)/n.
/// The loss for predicting numbers (regression, forecasting a time series).
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mean squared error";

    /// <inheritdoc />
    protected override double ComputeValue(Matrix<double> outputs, Matrix<double> targets)
    {
        var diff = outputs - targets;
        return diff.PointwiseMultiply(diff).Enumerate().Average();
    }

    /// <inheritdoc />
    protected override Matrix<double> ComputeGradient(Matrix<double> outputs, Matrix<double> targets) =>
        (outputs - targets) * (2.0 / (outputs.RowCount * outputs.ColumnCount));
}
