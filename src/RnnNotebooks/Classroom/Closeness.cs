using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Classroom;

/// <summary>
/// How <see cref="Check.Close(double, double, double, string?, string)"/> decides "close enough":
/// |actual − expected| ≤ tolerance · max(1, |expected|), an absolute tolerance for small numbers and a
/// relative one for large numbers, entry by entry. Shapes must match exactly and NaN never passes.
/// </summary>
internal static class Closeness
{
    public static CheckResult Compare(Matrix<double> expected, Matrix<double> actual, double tolerance, string? hint, string what, bool isVector)
    {
        if (expected.RowCount != actual.RowCount || expected.ColumnCount != actual.ColumnCount)
            return CheckResult.Fail(what, $"has shape {Shape(actual, isVector)}, expected {Shape(expected, isVector)}.", hint);

        int offRow = -1, offColumn = -1, offCount = 0;
        double worst = 0;
        for (int c = 0; c < actual.ColumnCount; c++)
            for (int r = 0; r < actual.RowCount; r++)
            {
                double a = actual[r, c], e = expected[r, c];
                if (double.IsNaN(a) || double.IsInfinity(a))
                    return CheckResult.Fail(what, $"entry {Entry(r, c, isVector)} is {Format(a)}: look for a division by zero, an exp that overflows, or a value used before it is set.", hint);
                double excess = Math.Abs(a - e) / Math.Max(1, Math.Abs(e));
                if (excess <= tolerance) continue;
                offCount++;
                if (excess > worst) (worst, offRow, offColumn) = (excess, r, c);
            }
        if (offCount == 0) return CheckResult.Pass(what);

        double value = actual[offRow, offColumn], off = Math.Abs(value - expected[offRow, offColumn]);
        string detail = $"entry {Entry(offRow, offColumn, isVector)} is {Format(value)}, off by {Format(off)} (tolerance {Format(tolerance)})";
        int total = actual.RowCount * actual.ColumnCount;
        detail += total == 1 ? "." : $"; {offCount} of {total} entries are off.";
        return CheckResult.Fail(what, detail, hint);
    }

    public static CheckResult Compare(double expected, double actual, double tolerance, string? hint, string what)
    {
        if (double.IsNaN(actual) || double.IsInfinity(actual))
            return CheckResult.Fail(what, $"is {Format(actual)}: look for a division by zero, an exp that overflows, or a value used before it is set.", hint);
        double off = Math.Abs(actual - expected);
        return off <= tolerance * Math.Max(1, Math.Abs(expected))
            ? CheckResult.Pass(what)
            : CheckResult.Fail(what, $"is {Format(actual)}, off by {Format(off)} (tolerance {Format(tolerance)}).", hint);
    }

    public static void RequireTolerance(double tolerance)
    {
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be a finite number ≥ 0, e.g. 1e-6.");
    }

    static string Shape(Matrix<double> m, bool isVector) =>
        isVector ? $"{m.RowCount}" : $"{m.RowCount}×{m.ColumnCount}";

    static string Entry(int r, int c, bool isVector) => isVector ? $"[{r}]" : $"[{r}, {c}]";

    public static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
