using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// A two-cell notebook run before grading: the course's <c>#r "nuget:"</c> lines, then a file written
/// in its folder. Run outside the sandbox it puts the packages into NuGet's packages folder (which the
/// sandbox can only read, with no network); run inside, it proves a submission can restore and write there.
/// </summary>
public static class PackageWarmUp
{
    /// <summary>The warm-up notebook for <paramref name="sheets"/>, to be saved at <paramref name="path"/>.</summary>
    public static NotebookDocument Create(IEnumerable<ExerciseSheet> sheets, string path)
    {
        var directives = sheets.SelectMany(s => s.Notebook.CodeCells)
            .SelectMany(c => NotebookDocument.SourceOf(c).Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("#r \"nuget:", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell("restore", directives.Count > 0 ? string.Join("\n", directives) : "// the course restores no packages"),
                Cell("write", "System.IO.File.WriteAllText(\"warm-up.txt\", \"the notebook's folder is writable\");")),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return NotebookDocument.FromJson(path, root);
    }

    static JsonObject Cell(string id, string source) => new()
    {
        ["cell_type"] = "code",
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["execution_count"] = null,
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };
}
