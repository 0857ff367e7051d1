using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The grading rule (README, "Classroom"): an exercise earns all its points when, in the graded run, its
/// exercise cell, its checks cell and its hidden tests ran with no error, and every one of its checks got an
/// answer that the grader, comparing it here with the expected value from the course's own run
/// (<see cref="ExpectedChecks"/>), finds right; otherwise 0, with the first reason as the message. An exercise
/// with several solution regions earns each region's points when the checks that cover it
/// (<see cref="SolutionParts"/>) all got right answers. The submission's output counts only as answers: a
/// check that gave none (a stopped or silenced cell, an unreadable line) fails, and nothing it prints can pass
/// a check. (What its code may not use is <see cref="ForbiddenMembers"/>'s, applied after.)
/// </summary>
public static partial class ExerciseScoring
{
    /// <summary>The longest message kept in the gradebook; the feedback page and executed copy have the rest.</summary>
    const int MaxMessage = 300;

    /// <summary>Scores every exercise of <paramref name="course"/> in one graded run.</summary>
    /// <param name="gradedCopy">The notebook that was run (its code cells give the cell numbers).</param>
    /// <param name="executed">The executed copy, or null when none was written.</param>
    /// <param name="outcome">How the run ended (where it was stopped, if it was).</param>
    /// <param name="expected">The expected checks, from the course notebook's own run.</param>
    /// <param name="studentFile">The submission's file name, for the message of a deleted cell.</param>
    internal static IReadOnlyList<ExerciseResult> Score(ExerciseSheet course, NotebookDocument gradedCopy, NotebookDocument? executed,
        NotebookOutcome outcome, ExpectedChecks expected, string studentFile)
    {
        // Cell numbers as the student sees them: the hidden tests' cell exists only in the graded copy.
        var hiddenIds = course.Exercises.Select(GradedCopy.HiddenCellId).ToHashSet(StringComparer.Ordinal);
        var codeIds = gradedCopy.CodeCells.Select(c => (string?)c["id"]).ToList();
        var numbers = new Dictionary<string, (int Run, int Shown)>(StringComparer.Ordinal);
        var shownAt = new int[codeIds.Count + 2];
        for (int i = 0, shown = 0; i < codeIds.Count; i++)
        {
            if (codeIds[i] is not { } id || !hiddenIds.Contains(id)) shown++;
            shownAt[i + 1] = Math.Max(shown, 1);
            if (codeIds[i] is { } key) numbers.TryAdd(key, (i + 1, shownAt[i + 1]));
        }
        var executedCells = (executed?.CodeCells ?? []).Where(c => (string?)c["id"] is not null)
            .GroupBy(c => (string)c["id"]!).ToDictionary(g => g.Key, g => g.First());
        // Without an executed copy nothing ran: the notebook counts as stopped at its first cell.
        var stopped = outcome.Stopped ?? (executed is null ? new CellFailure(1, "", outcome.Failure?.Message ?? "no executed copy was written") : null);
        int stoppedShown = stopped is null ? 0 : stopped.Cell >= 1 && stopped.Cell <= codeIds.Count ? shownAt[stopped.Cell] : stopped.Cell;

        return course.Exercises.Select(exercise =>
        {
            if (!numbers.TryGetValue(exercise.CellId, out var exerciseCell))
                return Zero(exercise, $"cell {exercise.CellId} was deleted (or is no longer a code cell): copy it back from the student version of {studentFile} and write your solution in it.");
            var checksCell = numbers[exercise.ChecksCellId]; // the graded copy always has it after the exercise cell
            string hiddenId = GradedCopy.HiddenCellId(exercise);
            var verdicts = Verdicts(exercise, executedCells, expected);
            var reason = ReasonIn(exercise.CellId, exerciseCell, executedCells, stopped, stoppedShown, "")
                         ?? ReasonIn(exercise.ChecksCellId, checksCell, executedCells, stopped, stoppedShown, "")
                         ?? (numbers.TryGetValue(hiddenId, out var hiddenCell) ? ReasonIn(hiddenId, hiddenCell with { Shown = checksCell.Shown }, executedCells, stopped, stoppedShown, " (its hidden tests)") : null);
            if (reason is { } stop)
                return new ExerciseResult(exercise, 0, stop.Reason, verdicts.Failed) { Feedback = stop.Feedback };
            if (verdicts.Reason(checksCell.Shown) is not { } failed)
                return new ExerciseResult(exercise, exercise.Points, ExerciseResult.Passed, []);
            // Partial credit: a region earns its points when no check that covers it failed.
            var parts = exercise.Solutions.Select(region => verdicts.FirstFailureOf(region) is { } failure
                ? new PartResult(region, 0, failure) : new PartResult(region, region.Points, ExerciseResult.Passed)).ToList();
            int points = parts.Sum(p => p.Points);
            string? feedback = exercise.Solutions.Count == 1 ? failed.Feedback
                : Shorten($"{points} of {exercise.Points} points ({string.Join(", ", parts.Select(p => $"{p.Label} {p.Points}/{p.Region.Points}"))}). {failed.Feedback}");
            return new ExerciseResult(exercise, points, failed.Reason, verdicts.Failed) { Feedback = feedback, Parts = parts };
        }).ToList();
    }

    /// <summary>The grader's verdicts on one exercise's checks: the text of each that failed, and the first failure for the student.</summary>
    sealed record ExerciseVerdicts(int Checks, IReadOnlyList<string> Failed, IReadOnlyList<IReadOnlyList<MarkedRegion>> FailedRegions,
        CheckRecord? FirstVisibleFailure, bool HiddenFailed, int Unanswered)
    {
        /// <summary>The first failed check that covers <paramref name="region"/>, or null.</summary>
        public string? FirstFailureOf(MarkedRegion region) =>
            Failed.Where((_, i) => FailedRegions[i].Contains(region)).FirstOrDefault();

        public (string Reason, string? Feedback)? Reason(int checksCell)
        {
            if (Failed.Count == 0) return null;
            string feedback = $"{Failed.Count} of {Checks} check{(Checks == 1 ? "" : "s")} failed";
            if (Unanswered > 0) feedback += $" ({Unanswered} gave no answer: the cell stopped before them, or their output did not reach the grader)";
            feedback += FirstVisibleFailure is { } visible
                ? $"; the first: {visible.What}.{(string.IsNullOrWhiteSpace(visible.Hint) ? "" : $" Hint: {visible.Hint}")}"
                : HiddenFailed ? "; the visible checks pass, the hidden tests (other inputs) do not: test your code on more cases." : ".";
            return (Failed[0], Shorten(feedback + $" Run the checks cell (cell {checksCell}) in your notebook to see them."));
        }
    }

    static ExerciseVerdicts Verdicts(Exercise exercise, Dictionary<string, JsonObject> executed, ExpectedChecks expected)
    {
        var failed = new List<string>();
        var failedRegions = new List<IReadOnlyList<MarkedRegion>>();
        CheckRecord? firstVisible = null;
        bool hiddenFailed = false;
        int checks = 0, unanswered = 0;
        foreach (var (id, hidden) in new[] { (exercise.ChecksCellId, false), (GradedCopy.HiddenCellId(exercise), true) })
        {
            if (!expected.ByCell.TryGetValue(id, out var wanted)) continue;
            var answers = executed.TryGetValue(id, out var cell) ? CheckRecord.Read(ExpectedChecks.StandardOutput(cell), CheckRecord.AnswerMarker) : [];
            checks += wanted.Count;
            for (int i = 0; i < wanted.Count; i++)
            {
                var want = wanted[i];
                string label = hidden ? $"hidden test {i + 1}: {want.What}" : want.What;
                string? detail;
                if (i >= answers.Count || answers[i] is null)
                {
                    unanswered++;
                    detail = "gave no answer.";
                }
                else
                {
                    var (passed, why) = CheckComparison.Compare(want, answers[i]!.Value);
                    detail = passed ? null : why;
                }
                if (detail is null) continue;
                failed.Add(Shorten($"✗ FAIL  {label}: {detail}" + (string.IsNullOrWhiteSpace(want.Hint) ? "" : $" Hint: {want.Hint}")));
                failedRegions.Add(Covered(exercise, want));
                if (hidden) hiddenFailed = true;
                else firstVisible ??= want;
            }
            // More answers than checks: lines the submission wrote itself. They pass nothing, and are reported.
            if (answers.Count > wanted.Count)
            {
                failed.Add($"✗ FAIL  {(hidden ? "the hidden tests" : "the checks")} of exercise {exercise.Label} gave {answers.Count} answers for {wanted.Count} checks.");
                failedRegions.Add(exercise.Solutions);
            }
        }
        return new ExerciseVerdicts(checks, failed, failedRegions, firstVisible, hiddenFailed, unanswered);
    }

    /// <summary>The regions a check decides, from its expected line (the course's run: nothing a submission wrote).</summary>
    static IReadOnlyList<MarkedRegion> Covered(Exercise exercise, CheckRecord want)
    {
        try { return SolutionParts.Covered(exercise, want.Part); }
        catch (FormatException) { return exercise.Solutions; } // ExpectedChecks refuses such a course; here, fail safe
    }

    /// <summary>
    /// Why a cell does not count (the run stopped at or before it, it did not run, or it shows an error), and,
    /// where that reason quotes the submission's output, the grader's own wording for the student (null: the
    /// reason is the grader's own).
    /// </summary>
    static (string Reason, string? Feedback)? ReasonIn(string id, (int Run, int Shown) number, Dictionary<string, JsonObject> executed, CellFailure? stopped, int stoppedShown, string which)
    {
        if (stopped is not null && number.Run >= stopped.Cell)
            return (Shorten($"the notebook was stopped at cell {stoppedShown}: {FirstLine(stopped.Message)}"), null);
        if (!executed.TryGetValue(id, out var cell) || cell["execution_count"] is null)
            return ($"cell {number.Shown}{which} did not run.", null);
        var error = (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(o => (string?)o["output_type"] == "error");
        if (error is null) return null;
        string name = (string?)error["ename"] is { } ename && Identifier().IsMatch(ename) ? ename : "an error";
        return (Shorten(FirstLine((string?)error["evalue"] ?? (string?)error["ename"] ?? "the cell failed")),
            $"cell {number.Shown}{which} ended with {name}: run it in your notebook to see the message.");
    }

    /// <summary>An exception's type name as the grader may repeat it: a short .NET identifier.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]{0,79}$")]
    private static partial Regex Identifier();

    static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r').Trim();

    static string Shorten(string text) => text.Length <= MaxMessage ? text : text[..(MaxMessage - 1)] + "…";

    static ExerciseResult Zero(Exercise exercise, string message) => new(exercise, 0, message, []);
}
