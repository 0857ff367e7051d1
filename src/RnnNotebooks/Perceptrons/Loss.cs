using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// A loss function: one number saying how far a batch of network outputs is from the targets, and its
/// gradient with respect to those outputs, where backpropagation starts. Outputs and targets have the
/// same shape (one example per column); the loss is the mean over all entries, so its size does not
/// depend on the batch size.
/// </summary>
public abstract class Loss
{
    /// <summary>The loss's usual name.</summary>
    public abstract string Name { get; }

    /// <summary>L(outputs, targets), averaged over every entry.</summary>
    public double Value(Matrix<double> outputs, Matrix<double> targets)
    {
        Check(outputs, targets);
        return ComputeValue(outputs, targets);
    }

    /// <summary>∂L/∂outputs, the same shape as <paramref name="outputs"/>.</summary>
    public Matrix<double> Gradient(Matrix<double> outputs, Matrix<double> targets)
    {
        Check(outputs, targets);
        return ComputeGradient(outputs, targets);
    }

    /// <summary>The loss of already checked inputs.</summary>
    protected abstract double ComputeValue(Matrix<double> outputs, Matrix<double> targets);

    /// <summary>The gradient for already checked inputs.</summary>
    protected abstract Matrix<double> ComputeGradient(Matrix<double> outputs, Matrix<double> targets);

    /// <summary>Extra requirements on the targets (e.g. labels 0/1); none by default.</summary>
    protected virtual void CheckTargets(Matrix<double> targets) { }

    void Check(Matrix<double> outputs, Matrix<double> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        Shapes.RequireSame(targets, outputs, $"The {Name} targets matrix", "the outputs", nameof(targets));
        if (outputs.RowCount * outputs.ColumnCount == 0)
            throw new ArgumentException($"The {Name} got an empty batch: give it at least one example.", nameof(outputs));
        if (outputs.Exists(v => !double.IsFinite(v)))
            throw new ArgumentException(
                $"The network's outputs contain NaN or infinity, so the {Name} is undefined. Training diverged: lower the learning rate.",
                nameof(outputs));
        CheckTargets(targets);
    }

    public override string ToString() => Name;
}
