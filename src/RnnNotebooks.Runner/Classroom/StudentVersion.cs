using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The notebook a student gets (README, "Classroom"): each solution region becomes one line that throws the
/// exercise's message at the BEGIN marker's indentation, hidden-test regions are removed, outputs are
/// cleared; ids, metadata and prose stay as they are. Built only from the course notebook, so it is
/// byte-identical every time.
/// </summary>
public static class StudentVersion
{
    /// <summary>The student version of <paramref name="sheet"/>'s notebook, to be saved at <paramref name="path"/>.</summary>
    public static NotebookDocument Create(ExerciseSheet sheet, string path)
    {
        var student = NotebookDocument.FromJson(path, sheet.Notebook.CopyJson());
        var byCellId = sheet.Exercises.SelectMany(e => new[] { (Id: e.CellId, Exercise: e), (Id: e.ChecksCellId, Exercise: e) })
            .ToDictionary(x => x.Id, x => x.Exercise, StringComparer.Ordinal);
        foreach (var cell in student.CodeCells)
        {
            NotebookDocument.SetOutputs(cell, null, []);
            if ((string?)cell["id"] is not { } id || !byCellId.TryGetValue(id, out var exercise)) continue;
            string source = NotebookDocument.SourceOf(cell);
            NotebookDocument.SetSource(cell, id == exercise.CellId ? WithStubs(source, exercise) : MarkedRegion.WithoutHiddenTests(source));
        }
        return student;
    }

    /// <summary>
    /// An exercise cell's source with each solution region replaced by one line that throws the exercise's
    /// message: what the student version and the site's learner's edition show.
    /// </summary>
    public static string WithStubs(string source, Exercise exercise)
    {
        var lines = MarkedRegion.LinesOf(source);
        foreach (var region in exercise.Solutions.OrderByDescending(r => r.Begin))
        {
            string ending = EndingOf(lines[region.End]);
            lines.RemoveRange(region.Begin, region.End - region.Begin + 1);
            lines.Insert(region.Begin, $"{region.Indent}throw new NotImplementedException(\"{Escape(exercise.StubMessage)}\");{ending}");
        }
        return string.Concat(lines);
    }

    static string EndingOf(string line) => line.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : line.EndsWith('\n') ? "\n" : "";

    /// <summary>The message as the contents of a C# string literal.</summary>
    static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
