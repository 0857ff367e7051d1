using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The expected values of one course notebook's checks, by cell id (the visible checks and the hidden tests
/// of each exercise, in the order they run), read from a run of its reference copy
/// (<see cref="GradedCopy.Reference"/>) in which no submission's code ran. Each carries its rule, its
/// tolerance, the checked expression and the hint, so none of these comes from a submission either.
/// </summary>
internal sealed class ExpectedChecks
{
    internal ExpectedChecks(IReadOnlyDictionary<string, IReadOnlyList<CheckRecord>> byCell) => ByCell = byCell;

    /// <summary>The expected checks of each checks cell and hidden-tests cell.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CheckRecord>> ByCell { get; }

    /// <summary>Reads the reference run's expected lines.</summary>
    /// <exception cref="InvalidOperationException">
    /// The course cannot be graded: its run stopped, a checks cell wrote no expected value, or the course's own
    /// solution fails one of its checks (every submission would then be graded against a broken answer).
    /// </exception>
    public static ExpectedChecks Read(ExerciseSheet sheet, NotebookDocument reference, NotebookOutcome outcome)
    {
        string name = Path.GetFileName(sheet.Notebook.Path);
        var executed = outcome.Executed ?? throw Broken(name, $"its run left no executed copy ({outcome.Failure?.Message}).");
        if (outcome.Failure is { } failure)
        {
            string? id = failure.Cell >= 1 && failure.Cell <= reference.CodeCells.Count ? (string?)reference.CodeCells[failure.Cell - 1]["id"] : null;
            string skipped = sheet.SkippedCellIds.Count == 0 ? ""
                : $" Grading leaves out the cells tagged {UngradedCells.Tag} ({string.Join(", ", sheet.SkippedCellIds.Order(StringComparer.Ordinal))}): if this cell needs one of them, untag that one or tag this one too.";
            throw Broken(name, $"cell {id ?? failure.Cell.ToString(System.Globalization.CultureInfo.InvariantCulture)} failed when the course notebook ran alone: {FirstLine(failure.Message)}{skipped}");
        }
        var cells = executed.CodeCells.Where(c => (string?)c["id"] is not null).GroupBy(c => (string)c["id"]!).ToDictionary(g => g.Key, g => g.First());
        var byCell = new Dictionary<string, IReadOnlyList<CheckRecord>>(StringComparer.Ordinal);
        foreach (var exercise in sheet.Exercises)
        {
            foreach (var id in new[] { exercise.ChecksCellId, GradedCopy.HiddenCellId(exercise) })
            {
                if (!cells.TryGetValue(id, out var cell)) continue;
                var records = CheckRecord.Read(StandardOutput(cell), CheckRecord.ExpectedMarker);
                if (records.Count == 0)
                    throw Broken(name, $"the cell {id} wrote no expected value: does the course restore the library (#r \"nuget: RnnNotebooks\") and call RnnNotebooks.Classroom.Check?");
                if (records.FirstOrDefault(r => r is null || r.Passed != true) is var wrong && records.Any(r => r is null || r.Passed != true))
                    throw Broken(name, $"the course's own solution fails the check {wrong?.What ?? "(unreadable)"} of exercise {exercise.Label} ({id}). Fix the solution or the check (a check must give the same value in every run: seed every random choice).");
                byCell[id] = [.. records!];
            }
            // Partial credit needs every region decided by a check that really ran (one in a helper never called does not).
            var covered = new HashSet<MarkedRegion>();
            foreach (var record in new[] { exercise.ChecksCellId, GradedCopy.HiddenCellId(exercise) }.SelectMany(id => byCell.GetValueOrDefault(id) ?? []))
            {
                try { covered.UnionWith(SolutionParts.Covered(exercise, record.Part)); }
                catch (FormatException e) { throw Broken(name, $"the check {record.What} of exercise {exercise.Label}: {e.Message}"); }
            }
            if (exercise.Solutions.FirstOrDefault(r => !covered.Contains(r)) is { } uncovered)
                throw Broken(name, $"no check that ran covers the solution region {uncovered.Name} of exercise {exercise.Label}: its points could never be earned. Call a check with part: \"{uncovered.Label}\" in its checks cell.");
        }
        return new ExpectedChecks(byCell);
    }

    /// <summary>Everything a cell wrote to its standard output, in order.</summary>
    public static string StandardOutput(JsonObject cell) => string.Concat((cell["outputs"] as JsonArray ?? []).OfType<JsonObject>()
        .Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout")
        .Select(o => o["text"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)o["text"] ?? ""));

    static InvalidOperationException Broken(string notebook, string problem) =>
        new($"The course notebook {notebook} cannot be graded: {problem}");

    static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();
}
