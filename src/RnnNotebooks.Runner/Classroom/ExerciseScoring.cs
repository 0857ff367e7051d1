using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The grading rule (README, "Classroom"): an exercise earns all its points when, in the graded run, its
/// exercise cell and its checks cell ran with no error output and the checks cell shows no output
/// containing <see cref="FailMarker"/>; otherwise 0, with the first reason as the message.
/// </summary>
public static partial class ExerciseScoring
{
    /// <summary>The class a failed check's HTML carries: the contract between the library's Check and the grader.</summary>
    public const string FailMarker = "rnn-check-fail";

    /// <summary>The longest message kept in the gradebook; the feedback page and executed copy have the rest.</summary>
    const int MaxMessage = 300;

    /// <summary>Scores every exercise of <paramref name="course"/> in one graded run.</summary>
    /// <param name="gradedCopy">The notebook that was run (its code cells give the cell numbers).</param>
    /// <param name="executed">The executed copy, or null when none was written.</param>
    /// <param name="outcome">How the run ended (where it was stopped, if it was).</param>
    /// <param name="studentFile">The submission's file name, for the message of a deleted cell.</param>
    public static IReadOnlyList<ExerciseResult> Score(ExerciseSheet course, NotebookDocument gradedCopy, NotebookDocument? executed,
        NotebookOutcome outcome, string studentFile)
    {
        var numbers = gradedCopy.CodeCells.Select((c, i) => ((string?)c["id"], Number: i + 1))
            .Where(x => x.Item1 is not null).GroupBy(x => x.Item1!).ToDictionary(g => g.Key, g => g.First().Number);
        var executedCells = (executed?.CodeCells ?? []).Where(c => (string?)c["id"] is not null)
            .GroupBy(c => (string)c["id"]!).ToDictionary(g => g.Key, g => g.First());
        // Without an executed copy nothing ran: the notebook counts as stopped at its first cell.
        var stopped = outcome.Stopped ?? (executed is null ? new CellFailure(1, "", outcome.Failure?.Message ?? "no executed copy was written") : null);

        return course.Exercises.Select(exercise =>
        {
            if (!numbers.TryGetValue(exercise.CellId, out int exerciseCell))
                return Zero(exercise, $"cell {exercise.CellId} was deleted (or is no longer a code cell): copy it back from the student version of {studentFile} and write your solution in it.");
            int checksCell = numbers[exercise.ChecksCellId]; // the graded copy always has it after the exercise cell
            var failedChecks = executedCells.TryGetValue(exercise.ChecksCellId, out var checks) ? FailedChecks(checks) : [];
            var reason = ReasonIn(exercise.CellId, exerciseCell, executedCells, stopped)
                         ?? ReasonIn(exercise.ChecksCellId, checksCell, executedCells, stopped)
                         ?? (failedChecks.Count > 0
                             ? (failedChecks[0], $"{failedChecks.Count} check{(failedChecks.Count == 1 ? "" : "s")} failed: run the checks cell (cell {checksCell}) in your notebook to see which, with hints.")
                             : ((string, string?)?)null);
            return reason is not { } r
                ? new ExerciseResult(exercise, exercise.Points, ExerciseResult.Passed, [])
                : new ExerciseResult(exercise, 0, r.Item1, failedChecks) { Feedback = r.Item2 };
        }).ToList();
    }

    /// <summary>
    /// Why a cell does not count (the run stopped at or before it, it did not run, or it shows an error), and,
    /// where that reason quotes the submission's output, the grader's own wording for the student (null: the
    /// reason is the grader's own).
    /// </summary>
    static (string Reason, string? Feedback)? ReasonIn(string id, int number, Dictionary<string, JsonObject> executed, CellFailure? stopped)
    {
        if (stopped is not null && number >= stopped.Cell)
            return (Shorten($"the notebook was stopped at cell {stopped.Cell}: {FirstLine(stopped.Message)}"), null);
        if (!executed.TryGetValue(id, out var cell) || cell["execution_count"] is null)
            return ($"cell {number} ({id}) did not run.", null);
        var error = Outputs(cell).FirstOrDefault(o => (string?)o["output_type"] == "error");
        if (error is null) return null;
        string name = (string?)error["ename"] is { } ename && Identifier().IsMatch(ename) ? ename : "an error";
        return (Shorten(FirstLine((string?)error["evalue"] ?? (string?)error["ename"] ?? "the cell failed")),
            $"cell {number} ended with {name}: run it in your notebook to see the message.");
    }

    /// <summary>An exception's type name as the grader may repeat it: a short .NET identifier.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]{0,79}$")]
    private static partial Regex Identifier();

    /// <summary>The text of each output that shows a failed check, tags removed.</summary>
    public static IReadOnlyList<string> FailedChecks(JsonObject cell) => Outputs(cell)
        .Where(o => (string?)o["output_type"] != "error" && o.ToJsonString().Contains(FailMarker, StringComparison.Ordinal))
        .Select(o => Shorten(TextOf(o)))
        .ToList();

    static IEnumerable<JsonObject> Outputs(JsonObject cell) => (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>An output's readable text: its plain text if it has one, else its HTML without tags; from "✗ FAIL" on when present.</summary>
    static string TextOf(JsonObject output)
    {
        var data = output["data"] as JsonObject;
        string text = data?["text/html"] is { } html ? WebUtility.HtmlDecode(Tag().Replace(Block().Replace(Lines(html), " "), ""))
            : data?["text/plain"] is { } plain ? Lines(plain)
            : Lines(output["text"]);
        text = Whitespace().Replace(text, " ").Trim();
        int fail = text.IndexOf("✗ FAIL", StringComparison.Ordinal);
        return fail > 0 ? text[fail..] : text;
    }

    static string Lines(JsonNode? text) => text is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)text ?? "";

    static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r').Trim();

    static string Shorten(string text) => text.Length <= MaxMessage ? text : text[..(MaxMessage - 1)] + "…";

    static ExerciseResult Zero(Exercise exercise, string message) => new(exercise, 0, message, []);

    /// <summary>A tag that starts a new line of text (a block), which becomes a space.</summary>
    [GeneratedRegex(@"<(div|p|br|li|tr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Block();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
