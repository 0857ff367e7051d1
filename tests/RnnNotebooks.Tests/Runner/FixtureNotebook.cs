using System.Text.Json.Nodes;

namespace RnnNotebooks.Tests.Runner;

/// <summary>Writes small nbformat 4 notebooks for the runner's tests.</summary>
static class FixtureNotebook
{
    /// <summary>A notebook with one markdown cell and the given C# code cells (ids "code-1", "code-2", ...).</summary>
    public static string Write(string folder, string name, string markdown, params string[] codeCells)
    {
        var cells = new JsonArray(new JsonObject
        {
            ["cell_type"] = "markdown",
            ["id"] = "intro",
            ["metadata"] = new JsonObject(),
            ["source"] = markdown,
        });
        for (int i = 0; i < codeCells.Length; i++)
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"code-{i + 1}",
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                    ["tags"] = new JsonArray("fixture"),
                },
                ["outputs"] = new JsonArray(),
                ["source"] = codeCells[i],
            });
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>A fresh empty folder under the system's temp folder.</summary>
    public static string TemporaryFolder(string purpose)
    {
        string folder = Path.Combine(Path.GetTempPath(), "rnn-notebooks-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Removes a temporary folder; a file still held open (a killed process) is left to the system.</summary>
    public static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The outputs of a code cell of an executed copy, by cell id.</summary>
    public static JsonArray OutputsOf(JsonNode notebook, string cellId) =>
        (JsonArray)notebook["cells"]!.AsArray().Single(c => (string?)c!["id"] == cellId)!["outputs"]!;

    /// <summary>An output's data for one MIME type, as one string.</summary>
    public static string Data(JsonNode output, string mimeType) => Lines(output["data"]![mimeType]);

    /// <summary>nbformat's multi-line string (a list of lines or one string) as one string.</summary>
    public static string Lines(JsonNode? text) => text is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)text ?? "";
}
