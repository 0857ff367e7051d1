using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

/// <summary>
/// A learnable tensor and the gradient of the loss with respect to it, side by side.
/// Every layer and cell in the course exposes its weights as a list of these, so one optimiser,
/// one clipping rule and one gradient check serve them all (biases are n×1 matrices).
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter with the given value and a zero gradient of the same shape.</summary>
    public Parameter(string name, Matrix<double> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = Matrix<double>.Build.Dense(value.RowCount, value.ColumnCount);
    }

    /// <summary>The name shown in reports, e.g. <c>W_hh</c>.</summary>
    public string Name { get; }

    /// <summary>The current value; optimisers update it in place.</summary>
    public Matrix<double> Value { get; }

    /// <summary>dLoss/dValue, accumulated by a backward pass; same shape as <see cref="Value"/>.</summary>
    public Matrix<double> Gradient { get; }

    /// <summary>Rows × columns, e.g. "100×65".</summary>
    public string Shape => $"{Value.RowCount}×{Value.ColumnCount}";

    /// <summary>How many numbers this parameter holds.</summary>
    public int Count => Value.RowCount * Value.ColumnCount;

    /// <summary>Sets the gradient to zero before a new backward pass accumulates into it.</summary>
    public void ZeroGradient() => Gradient.Clear();

    public override string ToString() => $"{Name} [{Shape}]";
}
