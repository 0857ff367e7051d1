using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The two notebooks grading runs (README, "Classroom"). The <em>graded copy</em> is the student's notebook with
/// each checks cell replaced by the teacher's, matched by id (inserted after the exercise cell where the
/// student deleted it), and split in two: the visible checks, then the hidden tests as a cell of their own
/// (<c>exercise-N-M-checks-hidden</c>) whose code is held back from the file and handed to the process only
/// when that cell runs. In both, every <c>expected:</c> argument is removed (<see cref="ChecksCode"/>): the
/// submission's process computes answers only. The <em>reference copy</em> is the course notebook with its
/// checks cells split the same way and nothing removed: run alone, it gives the expected values. Neither holds
/// the cells grading leaves out (<see cref="UngradedCells"/>). The student's file is only read.
/// </summary>
public static class GradedCopy
{
    /// <summary>Added to a checks cell's id for the cell of its hidden tests.</summary>
    public const string HiddenSuffix = "-hidden";

    /// <summary>What a held-back cell's source says in the file.</summary>
    public const string HeldBackSource = "// The hidden tests: the grader hands their code to this cell when it runs.";

    /// <summary>The id of the cell holding an exercise's hidden tests.</summary>
    public static string HiddenCellId(Exercise exercise) => exercise.ChecksCellId + HiddenSuffix;

    /// <summary>
    /// The graded copy of <paramref name="submission"/>, to be saved at <paramref name="path"/>, and the code of
    /// each held-back cell by code-cell number (from 1).
    /// </summary>
    public static (NotebookDocument Notebook, IReadOnlyDictionary<int, string> HeldBack) Create(NotebookDocument submission, ExerciseSheet course, string path)
    {
        var root = submission.CopyJson();
        var cells = (JsonArray)root["cells"]!;
        // Only the grader's cells wait for code from the grader.
        foreach (var cell in cells.OfType<JsonObject>()) (cell["metadata"] as JsonObject)?.Remove(NotebookExecution.HeldBackKey);
        var heldBack = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var exercise in course.Exercises)
        {
            var (visible, hidden) = Split(course, exercise, forSubmission: true);
            // A student's cell with the hidden cell's id would run in its place: only the grader's stays.
            for (int extra; (extra = IndexOf(cells, HiddenCellId(exercise))) >= 0;) cells.RemoveAt(extra);
            int at = IndexOf(cells, exercise.ChecksCellId);
            if (at >= 0)
            {
                cells[at] = visible;
                // A copy of the checks cell elsewhere would run the checks twice: only one stays.
                for (int extra; (extra = IndexOf(cells, exercise.ChecksCellId, from: at + 1)) >= 0;) cells.RemoveAt(extra);
            }
            else if (IndexOf(cells, exercise.CellId) is var exerciseAt and >= 0)
                cells.Insert(at = exerciseAt + 1, visible);
            // With the exercise cell deleted too there is nothing to check: the exercise scores 0.
            if (at < 0 || hidden is null) continue;
            heldBack[HiddenCellId(exercise)] = NotebookDocument.SourceOf(hidden);
            NotebookDocument.SetSource(hidden, HeldBackSource);
            ((JsonObject)hidden["metadata"]!)[NotebookExecution.HeldBackKey] = true;
            cells.Insert(at + 1, hidden);
        }
        UngradedCells.Remove(cells, course);
        var notebook = NotebookDocument.FromJson(path, root);
        var numbers = notebook.CodeCells.Select((c, i) => ((string?)c["id"], i + 1)).Where(x => x.Item1 is not null && heldBack.ContainsKey(x.Item1))
            .ToDictionary(x => x.Item2, x => heldBack[x.Item1!]);
        return (notebook, numbers);
    }

    /// <summary>The reference copy of <paramref name="course"/>'s notebook, to be saved at <paramref name="path"/>.</summary>
    public static NotebookDocument Reference(ExerciseSheet course, string path)
    {
        var root = course.Notebook.CopyJson();
        var cells = (JsonArray)root["cells"]!;
        foreach (var exercise in course.Exercises)
        {
            var (visible, hidden) = Split(course, exercise, forSubmission: false);
            int at = IndexOf(cells, exercise.ChecksCellId);
            cells[at] = visible;
            if (hidden is not null) cells.Insert(at + 1, hidden);
        }
        UngradedCells.Remove(cells, course);
        return NotebookDocument.FromJson(path, root);
    }

    /// <summary>The teacher's checks cell as two cells: the visible checks and, when it has any, the hidden tests.</summary>
    static (JsonObject Visible, JsonObject? Hidden) Split(ExerciseSheet course, Exercise exercise, bool forSubmission)
    {
        var teacherChecks = course.Notebook.Cells.Single(c => (string?)c["id"] == exercise.ChecksCellId);
        string source = NotebookDocument.SourceOf(teacherChecks);
        var visible = (JsonObject)teacherChecks.DeepClone();
        NotebookDocument.SetOutputs(visible, null, []);
        string visibleSource = MarkedRegion.WithoutHiddenTests(source);
        NotebookDocument.SetSource(visible, forSubmission ? ChecksCode.WithoutExpected(visibleSource) : visibleSource);
        if (exercise.HiddenTests.Count == 0) return (visible, null);

        var lines = MarkedRegion.LinesOf(source);
        var region = exercise.HiddenTests[0];
        string hiddenSource = string.Concat(lines.Skip(region.Begin + 1).Take(region.End - region.Begin - 1));
        var hidden = (JsonObject)visible.DeepClone();
        hidden["id"] = HiddenCellId(exercise);
        NotebookDocument.SetSource(hidden, forSubmission ? ChecksCode.WithoutExpected(hiddenSource) : hiddenSource);
        return (visible, hidden);
    }

    static int IndexOf(JsonArray cells, string id, int from = 0)
    {
        for (int i = from; i < cells.Count; i++)
            if (cells[i] is JsonObject cell && (string?)cell["id"] == id) return i;
        return -1;
    }
}
