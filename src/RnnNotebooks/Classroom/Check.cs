using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Classroom;

/// <summary>
/// The checks exercises end with. Each takes the learner's answer first and the expected value as a function
/// (<c>expected: () => …</c>), and shows a green PASS or a red FAIL with what is off and a hint, at once, in the
/// running cell (a console line outside a notebook). A mismatch never throws, so one cell can show several
/// verdicts; only misuse by the exercise's author (a missing expected value, a negative tolerance) throws.
/// What was checked is named by the code of the answer's expression, which the compiler passes in. In an exercise
/// with several solution regions, <c>part: "loss"</c> names the region (its label, <c>// BEGIN SOLUTION loss (2 points)</c>)
/// whose points the check decides, or several as <c>part: "loss, perplexity"</c> (README, "Classroom").
/// </summary>
/// <remarks>
/// When a notebook is graded (README, "Classroom"), a check in the submission's process only writes the
/// learner's answer as data (<see cref="CheckRecord"/>); the grader's copy of a checks cell has no
/// <c>expected:</c> functions at all, and the expected values come from a run of the course notebook alone.
/// The grader compares the two itself with <see cref="CheckComparison"/>, the same code a PASS/FAIL here uses.
/// </remarks>
public static class Check
{
    /// <summary>The default tolerance: tight enough that a wrong formula fails, loose enough for rounding.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Checks that a number is within <paramref name="tolerance"/>·max(1, |expected|) of the expected one.</summary>
    public static void Close(double actual, Func<double> expected, double tolerance = DefaultTolerance, string? hint = null, string? part = null,
        [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Close, tolerance, hint, part, what, CheckValue.Number(actual), Lazy(expected, CheckValue.Number));

    /// <summary>Checks a vector entry by entry (and its length first).</summary>
    public static void Close(Vector<double>? actual, Func<Vector<double>> expected, double tolerance = DefaultTolerance, string? hint = null, string? part = null,
        [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Close, tolerance, hint, part, what, Numbers(actual), Lazy(expected, Numbers));

    /// <summary>Checks an array entry by entry (and its length first).</summary>
    public static void Close(double[]? actual, Func<double[]> expected, double tolerance = DefaultTolerance, string? hint = null, string? part = null,
        [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Close, tolerance, hint, part, what, Numbers(actual), Lazy(expected, Numbers));

    /// <summary>Checks a matrix entry by entry (and its shape first).</summary>
    public static void Close(Matrix<double>? actual, Func<Matrix<double>> expected, double tolerance = DefaultTolerance, string? hint = null, string? part = null,
        [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Close, tolerance, hint, part, what, Numbers(actual), Lazy(expected, Numbers));

    /// <summary>
    /// Checks exact equality: of values (numbers, text, truth values), or element by element for sequences
    /// (an array against a list passes when the elements agree; tuples compare item by item).
    /// </summary>
    public static void Equal<T>(T actual, Func<T> expected, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Equal, 0, hint, part, what, CheckValue.ExactOf(actual), Lazy(expected, v => CheckValue.ExactOf(v)));

    /// <summary>Checks two sequences element by element (an array against a list passes when the elements agree).</summary>
    public static void Equal<T>(IEnumerable<T>? actual, Func<IEnumerable<T>> expected, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Equal, 0, hint, part, what, CheckValue.ExactOf(actual), Lazy(expected, v => CheckValue.ExactOf(v)));

    /// <summary>
    /// Checks that an answer has a property that only the right answer has (e.g. "every word is the
    /// decoder's likeliest after the words before it", which only the greedy caption satisfies). When graded,
    /// the course's own answer must have the property, and the learner's must then equal it exactly.
    /// </summary>
    public static void Satisfies<T>(T actual, Func<T, bool> expected, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        var answer = CheckValue.ExactOf(actual);
        if (RecordedAnswer(CheckRecord.Equal, 0, hint, part, what, answer)) return;
        if (expected is null) throw new ArgumentNullException(nameof(expected), "Check.Satisfies needs the property: pass expected: answer => …");
        bool passed = expected(actual);
        if (CheckMode.Current == CheckMode.Expected)
            CheckOutput.Record(new CheckRecord(CheckRecord.Equal, 0, what, hint, answer, passed, part).ToLine(CheckRecord.ExpectedMarker));
        CheckOutput.Show(passed ? CheckResult.Pass(what) : CheckResult.Fail(what, "does not have the property the right answer has.", hint));
    }

    /// <summary>
    /// Checks a hand-written gradient against the expected one, usually finite differences
    /// (<c>expected: () => GradientCheck.NumericalGradient(loss, at)</c>): relative error below the tolerance,
    /// as <see cref="GradientCheck"/> measures it.
    /// </summary>
    public static void Gradient(Vector<double>? actual, Func<Vector<double>> expected,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Gradient, tolerance, hint, part, what, Numbers(actual), Lazy(expected, Numbers));

    /// <summary>Checks a hand-written gradient with respect to a matrix (e.g. dL/dW).</summary>
    public static void Gradient(Matrix<double>? actual, Func<Matrix<double>> expected,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "") =>
        Run(CheckRecord.Gradient, tolerance, hint, part, what, Numbers(actual), Lazy(expected, Numbers));

    /// <summary>
    /// Checks the gradients a backward pass stored in <paramref name="actual"/> (run it first) against the
    /// expected ones, one per parameter (<c>expected: () => GradientCheck.NumericalGradients(parameters, loss)</c>);
    /// a failure names the worst parameter.
    /// </summary>
    public static void Gradient(IReadOnlyList<Parameter> actual, Func<IReadOnlyList<Matrix<double>>> expected,
        double tolerance = GradientCheck.DefaultTolerance, string? hint = null, string? part = null, [CallerArgumentExpression(nameof(actual))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var names = actual.Select(p => p.Name).ToList();
        Run(CheckRecord.Gradient, tolerance, hint, part, what, Tensors(names, actual.Select(p => p.Gradient).ToList()),
            Lazy(expected, matrices => Tensors(names, matrices)));
    }

    /// <summary>Records, compares or shows one check, as the process's <see cref="CheckMode"/> says.</summary>
    static void Run(string rule, double tolerance, string? hint, string? part, string what, CheckValue actual, Func<CheckValue> expected)
    {
        if (rule != CheckRecord.Equal && (!(tolerance >= 0) || double.IsInfinity(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be a finite number ≥ 0, e.g. 1e-6.");
        if (RecordedAnswer(rule, tolerance, hint, part, what, actual)) return;
        var record = new CheckRecord(rule, tolerance, what, hint, expected(), Part: part);
        var (passed, detail) = CheckComparison.Compare(record, actual);
        if (CheckMode.Current == CheckMode.Expected) CheckOutput.Record((record with { Passed = passed }).ToLine(CheckRecord.ExpectedMarker));
        CheckOutput.Show(passed ? CheckResult.Pass(what) : CheckResult.Fail(what, detail, hint));
    }

    /// <summary>In a submission being graded, writes the answer (and nothing else) and returns true.</summary>
    static bool RecordedAnswer(string rule, double tolerance, string? hint, string? part, string what, CheckValue actual)
    {
        if (CheckMode.Current != CheckMode.Answers) return false;
        CheckOutput.Record(new CheckRecord(rule, tolerance, what, hint, actual, Part: part).ToLine(CheckRecord.AnswerMarker));
        return true;
    }

    static Func<CheckValue> Lazy<T>(Func<T> expected, Func<T, CheckValue> convert) => () =>
    {
        if (expected is null) throw new ArgumentNullException(nameof(expected), "A check needs the expected value: pass expected: () => …");
        var value = expected();
        if (value is null) throw new ArgumentNullException(nameof(expected), "The expected value is null: the check's expected: () => … must return a value.");
        return convert(value);
    };

    static CheckValue Numbers(Vector<double>? v) => v is null ? CheckValue.Null
        : CheckValue.Numbers("vector", [new CheckTensor("", v.Count, 1, v.ToArray())]);

    static CheckValue Numbers(double[]? v) => v is null ? CheckValue.Null
        : CheckValue.Numbers("vector", [new CheckTensor("", v.Length, 1, (double[])v.Clone())]);

    static CheckValue Numbers(Matrix<double>? m) => m is null ? CheckValue.Null
        : CheckValue.Numbers("matrix", [new CheckTensor("", m.RowCount, m.ColumnCount, m.ToColumnMajorArray())]);

    static CheckValue Tensors(IReadOnlyList<string> names, IReadOnlyList<Matrix<double>?> matrices) =>
        matrices.Any(m => m is null) ? CheckValue.Null
            : CheckValue.Numbers("tensors", [.. matrices.Select((m, k) => new CheckTensor(k < names.Count ? names[k] : $"#{k}", m!.RowCount, m.ColumnCount, m.ToColumnMajorArray()))]);
}
