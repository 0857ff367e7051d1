using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Perceptrons;

/// <summary>
/// The checks every layer and loss makes on its inputs, so a wrong shape fails at the call that got it
/// wrong, with the shapes in the message, instead of deep inside a matrix product.
/// </summary>
internal static class Shapes
{
    /// <summary>"rows×columns", as in the messages and reports.</summary>
    public static string Of(Matrix<double> m) => $"{m.RowCount}×{m.ColumnCount}";

    /// <summary>Requires one example per column with <paramref name="rows"/> features each.</summary>
    public static void RequireRows(Matrix<double> m, int rows, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(m, paramName);
        if (m.RowCount != rows)
            throw new ArgumentException(
                $"{what} must have {rows} row(s), one per feature, with one example per column; got a {Of(m)} matrix. " +
                (m.ColumnCount == rows ? "It looks transposed: pass its Transpose()." : $"Give it {rows} row(s)."),
                paramName);
        if (m.ColumnCount == 0)
            throw new ArgumentException($"{what} is empty (no columns): give it at least one example.", paramName);
    }

    /// <summary>Requires <paramref name="actual"/> to have exactly the shape of <paramref name="expected"/>.</summary>
    public static void RequireSame(Matrix<double> actual, Matrix<double> expected, string what, string expectedWhat, string paramName)
    {
        ArgumentNullException.ThrowIfNull(actual, paramName);
        if (actual.RowCount != expected.RowCount || actual.ColumnCount != expected.ColumnCount)
            throw new ArgumentException(
                $"{what} is {Of(actual)} but must have the shape of {expectedWhat}, {Of(expected)}.", paramName);
    }

    /// <summary>Requires every entry to be 0 or 1, as class labels are.</summary>
    public static void RequireLabels(Matrix<double> targets, string paramName)
    {
        foreach (var (row, column, value) in targets.EnumerateIndexed())
            if (value != 0 && value != 1)
                throw new ArgumentException(
                    $"Targets must be class labels 0 or 1; entry ({row}, {column}) is {value}.", paramName);
    }

    /// <summary>Requires a size (inputs, units) to be at least 1.</summary>
    public static void RequirePositive(int size, string paramName)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(paramName, size, $"{paramName} must be at least 1.");
    }
}
