using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The cells grading leaves out, in the reference run and in every submission's run alike: the cells after the
/// last checks (nothing they do can change a grade) and the cells the teacher tags <see cref="Tag"/> in the
/// course notebook (a cell that only trains or plots for the lesson, which no exercise needs). Which cells are
/// left out is decided by the course notebook's ids and tags; a submission's own tags are ignored.
/// </summary>
public static class UngradedCells
{
    /// <summary>The cell tag (cell metadata <c>"tags"</c>) that leaves a course cell out of grading.</summary>
    public const string Tag = "skip-when-grading";

    /// <summary>Whether the course cell carries <see cref="Tag"/>.</summary>
    public static bool IsTagged(JsonObject cell) =>
        (cell["metadata"] as JsonObject)?["tags"] is JsonArray tags && tags.Any(t => t is JsonValue v && v.TryGetValue(out string? s) && s == Tag);

    /// <summary>
    /// Removes from <paramref name="cells"/> (a graded or reference copy) every cell whose id the course tags, and
    /// every cell after the last of the grader's checks cells; returns how many code cells of each kind went.
    /// </summary>
    public static (int Tagged, int AfterLastChecks) Remove(JsonArray cells, ExerciseSheet course)
    {
        int tagged = 0, after = 0;
        for (int i = cells.Count - 1; i >= 0; i--)
            if (cells[i] is JsonObject cell && (string?)cell["id"] is { } id && course.SkippedCellIds.Contains(id))
            {
                if (NotebookDocument.IsCode(cell)) tagged++;
                cells.RemoveAt(i);
            }
        var graders = course.Exercises.SelectMany(e => new[] { e.ChecksCellId, GradedCopy.HiddenCellId(e) }).ToHashSet(StringComparer.Ordinal);
        int last = -1;
        for (int i = 0; i < cells.Count; i++)
            if (cells[i] is JsonObject cell && (string?)cell["id"] is { } id && graders.Contains(id)) last = i;
        while (cells.Count > last + 1)
        {
            if (cells[^1] is JsonObject cell && NotebookDocument.IsCode(cell)) after++;
            cells.RemoveAt(cells.Count - 1);
        }
        return (tagged, after);
    }

    /// <summary>What grading runs of the course notebook, for the log: "runs 9 of 20 code cells (1 tagged skip-when-grading, 10 after the last checks left out)".</summary>
    public static string Summary(ExerciseSheet course)
    {
        var cells = (JsonArray)course.Notebook.CopyJson()["cells"]!;
        int all = cells.OfType<JsonObject>().Count(NotebookDocument.IsCode);
        var (tagged, after) = Remove(cells, course);
        return $"runs {all - tagged - after} of {all} code cells ({tagged} tagged {Tag}, {after} after the last checks left out)";
    }
}
