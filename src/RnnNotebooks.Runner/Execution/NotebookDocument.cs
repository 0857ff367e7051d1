using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// An nbformat 4 notebook held as its JSON tree. The runner edits only the <c>outputs</c> and
/// <c>execution_count</c> of code cells, so cell ids, metadata and everything else it does not
/// understand survive into the executed copy exactly as committed.
/// </summary>
public sealed class NotebookDocument
{
    readonly JsonObject _root;

    NotebookDocument(string path, JsonObject root, IReadOnlyList<JsonObject> cells)
    {
        Path = path;
        _root = root;
        Cells = cells;
    }

    /// <summary>Where the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The notebook's name: its file name without <c>.ipynb</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The notebook's title: its first markdown heading, or its name if it has none.</summary>
    public string Title
    {
        get
        {
            foreach (var cell in Cells.Where(c => (string?)c["cell_type"] == "markdown"))
            {
                var heading = SourceOf(cell).Split('\n').FirstOrDefault(l => l.StartsWith('#'));
                if (heading is not null) return heading.TrimStart('#').Trim();
            }
            return Name;
        }
    }

    /// <summary>Every cell in order (markdown, code, raw), as JSON objects.</summary>
    public IReadOnlyList<JsonObject> Cells { get; }

    /// <summary>The code cells in order: the ones the runner executes.</summary>
    public IReadOnlyList<JsonObject> CodeCells => Cells.Where(IsCode).ToList();

    /// <summary>The notebook-level metadata (kernelspec, language_info), or null.</summary>
    public JsonObject? Metadata => _root["metadata"] as JsonObject;

    /// <summary>True for a code cell.</summary>
    public static bool IsCode(JsonObject cell) => (string?)cell["cell_type"] == "code";

    /// <summary>A cell's source as one string (nbformat allows a string or a list of lines).</summary>
    public static string SourceOf(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    /// <summary>Reads and checks a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is missing, not JSON, or not an nbformat 4 notebook.</exception>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path))
            throw new NotebookFormatException(path, Directory.Exists(path)
                ? "is a folder with no notebooks in it."
                : "no such file. Check the path (notebooks live in notebooks/ and end in .ipynb).");

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path,
                $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). A notebook is an nbformat 4 JSON file: restore it from git or re-save it from Jupyter/VS Code.");
        }
        return FromJson(path, node);
    }

    /// <summary>Checks an already parsed JSON tree is an nbformat 4 notebook.</summary>
    public static NotebookDocument FromJson(string path, JsonNode? node)
    {
        if (node is not JsonObject root)
            throw new NotebookFormatException(path, "is JSON but not a notebook: the top level must be an object with \"cells\" and \"nbformat\".");
        if (root["nbformat"] is not JsonValue format || !format.TryGetValue(out int major) || major != 4)
            throw new NotebookFormatException(path, "is not an nbformat 4 notebook (missing or unsupported \"nbformat\"); re-save it with Jupyter or VS Code.");
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "is not a notebook: it has no \"cells\" list.");
        var list = new List<JsonObject>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"] is not JsonValue)
                throw new NotebookFormatException(path, $"cell {i + 1} is not a notebook cell (an object with \"cell_type\").");
            list.Add(cell);
        }
        return new NotebookDocument(path, root, list);
    }

    /// <summary>Replaces a code cell's outputs and execution count.</summary>
    public static void SetOutputs(JsonObject cell, int? executionCount, IEnumerable<JsonObject> outputs)
    {
        cell["execution_count"] = executionCount;
        cell["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
    }

    /// <summary>Replaces a cell's source, keeping its form (a list of lines, as Jupyter writes, or one string).</summary>
    public static void SetSource(JsonObject cell, string text) =>
        cell["source"] = cell["source"] is JsonValue ? JsonValue.Create(text) : CellOutputs.Lines(text);

    /// <summary>A deep copy of the whole JSON tree, to edit into a new notebook with <see cref="FromJson"/>.</summary>
    public JsonObject CopyJson() => (JsonObject)_root.DeepClone();

    /// <summary>The file's text as <see cref="Save"/> writes it (one-space indentation, as Jupyter does).</summary>
    public string ToText() => _root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Writes the notebook to a file (atomically: a reader never sees half a notebook).</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, ToText());
        File.Move(temporary, path, overwrite: true);
    }

    static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
