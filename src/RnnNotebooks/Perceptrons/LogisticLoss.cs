using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// The logistic loss, or binary cross-entropy on logits: for a raw score (logit) z and a label
/// y ∈ {0, 1}, with p = σ(z) the predicted probability of class 1,
/// L = −[y·log p + (1 − y)·log(1 − p)] = log(1 + e^z) − y·z, averaged over the n entries.
/// It takes logits, not probabilities, because that form is exact for any z (log σ never underflows to
/// log 0), and its gradient is the famously simple ∂L/∂z = (σ(z) − y)/n.
/// </summary>
public sealed class LogisticLoss : Loss
{
    /// <inheritdoc />
    public override string Name => "logistic loss";

    /// <inheritdoc />
    protected override double ComputeValue(Matrix<double> outputs, Matrix<double> targets) =>
        // log(1 + e^z) − y·z written as max(z, 0) − y·z + log(1 + e^−|z|): no overflow for large |z|.
        outputs.Map2((z, y) => Math.Max(z, 0) - y * z + Math.Log(1 + Math.Exp(-Math.Abs(z))), targets)
               .Enumerate().Average();

    /// <inheritdoc />
    protected override Matrix<double> ComputeGradient(Matrix<double> outputs, Matrix<double> targets) =>
        outputs.Map2((z, y) => Activation.Logistic(z) - y, targets) / (outputs.RowCount * outputs.ColumnCount);

    /// <inheritdoc />
    protected override void CheckTargets(Matrix<double> targets) => Shapes.RequireLabels(targets, nameof(targets));
}
