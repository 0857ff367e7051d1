using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>Builds small course notebooks with exercise cells (ids, locked checks cells) for the classroom tests.</summary>
static class ExerciseNotebook
{
    /// <summary>A C# code cell; a checks cell is <paramref name="locked"/> (editable and deletable false).</summary>
    public static JsonObject Code(string id, string source, bool locked = false)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (locked)
        {
            metadata["editable"] = false;
            metadata["deletable"] = false;
        }
        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = CellOutputs.Lines(source),
        };
    }

    /// <summary>A checks cell: locked.</summary>
    public static JsonObject Checks(string id, string source) => Code(id, source, locked: true);

    /// <summary>A markdown cell.</summary>
    public static JsonObject Markdown(string id, string source) => new()
    {
        ["cell_type"] = "markdown",
        ["id"] = id,
        ["metadata"] = new JsonObject(),
        ["source"] = CellOutputs.Lines(source),
    };

    /// <summary>The notebook as a document named <paramref name="fileName"/> (not written anywhere).</summary>
    public static NotebookDocument Document(string fileName, params JsonObject[] cells) =>
        NotebookDocument.FromJson(fileName, new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c.DeepClone()).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        });

    /// <summary>Writes the notebook into <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, string fileName, params JsonObject[] cells)
    {
        string path = Path.Combine(folder, fileName);
        Document(path, cells).Save(path);
        return path;
    }

    /// <summary>The source of the cell with <paramref name="id"/> in a notebook file.</summary>
    public static string SourceOf(string path, string id) =>
        NotebookDocument.SourceOf(NotebookDocument.Load(path).Cells.Single(c => (string?)c["id"] == id));
}
