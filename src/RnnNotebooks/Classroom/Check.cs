using System.Collections;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Classroom;

/// <summary>
/// The checks exercises end with: each one compares a learner's answer with the right one and shows a
/// green PASS or a red FAIL with what is off and a hint, at once, in the running cell (a console line
/// outside a notebook). A mismatch never throws, so one cell can show several verdicts; only misuse
/// by the exercise's author (a missing expected value, a negative tolerance) throws. What was checked
/// is named by the code of the checked expression, which the compiler passes in.
/// </summary>
public static class Check
{
    /// <summary>The default tolerance: tight enough that a wrong formula fails, loose enough for rounding.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Checks that a number is within <paramref name="tolerance"/>·max(1, |expected|) of the expected one.</summary>
    public static void Close(double expected, double actual, double tolerance = DefaultTolerance, string? hint = null,
        [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        Closeness.RequireTolerance(tolerance);
        Show(Closeness.Compare(expected, actual, tolerance, hint, what));
    }

    /// <summary>Checks a vector entry by entry (and its length first).</summary>
    public static void Close(Vector<double> expected, Vector<double>? actual, double tolerance = DefaultTolerance, string? hint = null,
        [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Closeness.RequireTolerance(tolerance);
        Show(actual is null ? IsNull(what, hint)
            : Closeness.Compare(expected.ToColumnMatrix(), actual.ToColumnMatrix(), tolerance, hint, what, isVector: true));
    }

    /// <summary>Checks an array entry by entry (and its length first).</summary>
    public static void Close(double[] expected, double[]? actual, double tolerance = DefaultTolerance, string? hint = null,
        [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Closeness.RequireTolerance(tolerance);
        Show(actual is null ? IsNull(what, hint)
            : Closeness.Compare(Matrix<double>.Build.DenseOfColumnArrays(expected), Matrix<double>.Build.DenseOfColumnArrays(actual), tolerance, hint, what, isVector: true));
    }

    /// <summary>Checks a matrix entry by entry (and its shape first).</summary>
    public static void Close(Matrix<double> expected, Matrix<double>? actual, double tolerance = DefaultTolerance, string? hint = null,
        [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Closeness.RequireTolerance(tolerance);
        Show(actual is null ? IsNull(what, hint) : Closeness.Compare(expected, actual, tolerance, hint, what, isVector: false));
    }

    /// <summary>Checks exact equality: of values, or element by element for sequences (strings compare as text).</summary>
    public static void Equal<T>(T expected, T actual, string? hint = null, [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        if (expected is null) throw new ArgumentNullException(nameof(expected), "Check.Equal needs the expected value.");
        Show(Equality.Compare(expected, actual, hint, what));
    }

    /// <summary>Checks two sequences element by element (an array against a list passes when the elements agree).</summary>
    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T>? actual, string? hint = null, [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Show(actual is null ? IsNull(what, hint) : Equality.Compare<object>(expected, actual, hint, what));
    }

    /// <summary>Checks that a condition holds; the hint should say what the condition means.</summary>
    public static void That(bool condition, string? hint = null, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        Show(condition ? CheckResult.Pass(what) : CheckResult.Fail(what, "is false.", hint));

    /// <summary>
    /// Checks a hand-written gradient of <paramref name="loss"/> at <paramref name="at"/> against centred
    /// finite differences (the same test as <see cref="GradientCheck"/>: relative error below the tolerance).
    /// </summary>
    public static void Gradient(Func<Vector<double>, double> loss, Vector<double> at, Vector<double>? gradient,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, [CallerArgumentExpression(nameof(gradient))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        Show(gradient is null ? IsNull(what, hint)
            : AgainstFiniteDifferences(m => loss(m.Column(0)), at.ToColumnMatrix(), gradient.ToColumnMatrix(), tolerance, hint, what, isVector: true));
    }

    /// <summary>Checks a hand-written gradient of <paramref name="loss"/> with respect to a matrix (e.g. dL/dW).</summary>
    public static void Gradient(Func<Matrix<double>, double> loss, Matrix<double> at, Matrix<double>? gradient,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, [CallerArgumentExpression(nameof(gradient))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        Show(gradient is null ? IsNull(what, hint) : AgainstFiniteDifferences(loss, at, gradient, tolerance, hint, what, isVector: false));
    }

    /// <summary>
    /// Checks the gradients a backward pass stored in <paramref name="parameters"/> (run it first) against
    /// finite differences of <paramref name="loss"/>; a failure names the worst parameter tensor.
    /// </summary>
    public static void Gradient(IReadOnlyList<Parameter> parameters, Func<double> loss,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, [CallerArgumentExpression(nameof(parameters))] string what = "")
    {
        var report = GradientCheck.Run(parameters, loss, tolerance: tolerance);
        Show(Verdict(report, hint, what));
    }

    static CheckResult AgainstFiniteDifferences(Func<Matrix<double>, double> loss, Matrix<double> at, Matrix<double> gradient,
        double tolerance, string? hint, string what, bool isVector)
    {
        if (gradient.RowCount != at.RowCount || gradient.ColumnCount != at.ColumnCount)
            return CheckResult.Fail(what, isVector
                ? $"has length {gradient.RowCount}, expected {at.RowCount} (one entry per input)."
                : $"has shape {gradient.RowCount}×{gradient.ColumnCount}, expected {at.RowCount}×{at.ColumnCount} (the shape of what it differentiates).", hint);
        // A copy, so the learner's point is never perturbed.
        var point = new Parameter(string.IsNullOrEmpty(what) ? "gradient" : what, at.Clone());
        gradient.CopyTo(point.Gradient);
        return Verdict(GradientCheck.Run([point], () => loss(point.Value), tolerance: tolerance), hint, what);
    }

    static CheckResult Verdict(GradientCheckReport report, string? hint, string what)
    {
        if (report.Passed) return CheckResult.Pass(what);
        var worst = report.Parameters.MaxBy(p => p.RelativeError)!;
        string which = report.Parameters.Count > 1 ? $"the gradient of {worst.Name} " : "";
        return CheckResult.Fail(what,
            $"{which}disagrees with finite differences: relative error {worst.RelativeError:E2} (tolerance {report.Tolerance:G2}).", hint);
    }

    static CheckResult IsNull(string what, string? hint) => CheckResult.Fail(what, "is null: return a value.", hint);

    /// <summary>Shows a verdict where the learner is looking: the running notebook cell, or the console.</summary>
    static void Show(CheckResult result) => CheckOutput.Show(result);

    /// <summary>Exact comparison of values, or of sequences element by element.</summary>
    static class Equality
    {
        public static CheckResult Compare<T>(T expected, T actual, string? hint, string what)
        {
            if (actual is null) return IsNull(what, hint);
            if (expected is IEnumerable e && actual is IEnumerable a && expected is not string)
                return CompareSequences(e.Cast<object?>().ToList(), a.Cast<object?>().ToList(), hint, what);
            return EqualityComparer<T>.Default.Equals(expected, actual)
                ? CheckResult.Pass(what)
                : CheckResult.Fail(what, $"is {Describe(actual)}, which is not the expected value.", hint);
        }

        static CheckResult CompareSequences(List<object?> expected, List<object?> actual, string? hint, string what)
        {
            if (expected.Count != actual.Count)
                return CheckResult.Fail(what, $"has {actual.Count} elements, expected {expected.Count}.", hint);
            for (int i = 0; i < expected.Count; i++)
                if (!Equals(expected[i], actual[i]))
                    return CheckResult.Fail(what, $"element [{i}] is {Describe(actual[i])}, which is not the expected value.", hint);
            return CheckResult.Pass(what);
        }

        static string Describe(object? value) => value switch
        {
            null => "null",
            string s => $"\"{s}\"",
            char c => $"'{c}'",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? value.GetType().Name,
        };
    }
}
