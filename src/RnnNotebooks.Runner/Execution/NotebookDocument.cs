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

    /// <summary>
    /// The language the notebook's kernelspec names when it is not C# (e.g. "python"), or null for a C#
    /// notebook or one without a kernelspec (which the runner runs as C#).
    /// </summary>
    public string? ForeignLanguage
    {
        get
        {
            if (Metadata?["kernelspec"] is not JsonObject spec) return null;
            string? name = Text(spec["name"]), language = Text(spec["language"]);
            bool csharp = name is ".net-csharp" or "csharp" || language is "C#" or "csharp" or "c#";
            if (csharp || (name is null && language is null)) return null;
            return language ?? name;

            static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? t) ? t : null;
        }
    }

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
    /// <exception cref="NotebookFormatException">The tree is not a notebook; the message names the cell and the fix.</exception>
    public static NotebookDocument FromJson(string path, JsonNode? node)
    {
        if (node is not JsonObject root)
            throw new NotebookFormatException(path, "is JSON but not a notebook: the top level must be an object with \"cells\" and \"nbformat\".");
        if (root["nbformat"] is not JsonValue format || !format.TryGetValue(out int major))
            throw new NotebookFormatException(path, "is not an nbformat 4 notebook (its \"nbformat\" number is missing); re-save it with Jupyter or VS Code.");
        if (major < 4)
            throw new NotebookFormatException(path, $"is an nbformat {major} notebook, an older format the runner does not read. Convert it: jupyter nbconvert --to notebook --nbformat 4 --output NEW.ipynb OLD.ipynb (or open and re-save it in Jupyter).");
        if (major != 4)
            throw new NotebookFormatException(path, $"is an nbformat {major} notebook; the runner reads nbformat 4. Save it as nbformat 4 from Jupyter or VS Code.");
        if (root["metadata"] is { } metadata && metadata is not JsonObject)
            throw new NotebookFormatException(path, "is not a notebook: its \"metadata\" must be an object. Restore the file from git or re-save it from Jupyter.");
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, "is not a notebook: it has no \"cells\" list. Restore the file from git or re-save it from Jupyter.");
        var list = new List<JsonObject>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (CellProblem(cells[i]) is { } problem)
                throw new NotebookFormatException(path, $"cell {i + 1}: {problem} Restore the file from git or re-save it from Jupyter/VS Code.", i + 1);
            list.Add((JsonObject)cells[i]!);
        }
        return new NotebookDocument(path, root, list);
    }

    static readonly string[] CellTypes = ["markdown", "code", "raw"];
    static readonly string[] OutputTypes = ["stream", "display_data", "execute_result", "error"];

    /// <summary>What makes a cell unreadable (so that no later step meets a surprise), or null for a good cell.</summary>
    static string? CellProblem(JsonNode? node)
    {
        if (node is not JsonObject cell)
            return "is not a notebook cell (an object with \"cell_type\" and \"source\").";
        if (cell["cell_type"] is not JsonValue typeValue || !typeValue.TryGetValue(out string? type))
            return "has no \"cell_type\" (it must be \"markdown\", \"code\" or \"raw\").";
        if (!CellTypes.Contains(type))
            return $"has cell_type \"{type}\"; nbformat 4 cells are \"markdown\", \"code\" or \"raw\".";
        if (!IsText(cell["source"]))
            return $"its \"source\" is {Kind(cell["source"])}, not text (a string, or a list of strings).";
        if (cell["metadata"] is { } metadata && metadata is not JsonObject)
            return "its \"metadata\" is not an object.";
        if (type != "code") return null;
        if (cell["outputs"] is null) return null;
        if (cell["outputs"] is not JsonArray outputs)
            return $"its \"outputs\" is {Kind(cell["outputs"])}, not a list.";
        for (int k = 0; k < outputs.Count; k++)
        {
            if (outputs[k] is not JsonObject output || output["output_type"] is not JsonValue o || !o.TryGetValue(out string? outputType))
                return $"output {k + 1} has no \"output_type\".";
            if (!OutputTypes.Contains(outputType))
                return $"output {k + 1} has the unknown output_type \"{outputType}\" (nbformat 4 knows stream, display_data, execute_result and error).";
        }
        return null;
    }

    static bool IsText(JsonNode? source) => source switch
    {
        JsonValue v => v.TryGetValue(out string? _),
        JsonArray lines => lines.All(l => l is JsonValue v && v.TryGetValue(out string? _)),
        _ => false,
    };

    static string Kind(JsonNode? node) => node switch
    {
        null => "missing",
        JsonObject => "an object",
        JsonArray => "a list that holds something other than strings",
        JsonValue v when v.TryGetValue(out bool _) => "true/false",
        JsonValue v when v.TryGetValue(out double _) => $"the number {v.ToJsonString()}",
        _ => "not text",
    };

    /// <summary>Replaces a code cell's outputs and execution count.</summary>
    public static void SetOutputs(JsonObject cell, int? executionCount, IEnumerable<JsonObject> outputs)
    {
        cell["execution_count"] = executionCount;
        cell["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
    }

    /// <summary>Replaces a cell's source, keeping its form (a list of lines, as Jupyter writes, or one string).</summary>
    public static void SetSource(JsonObject cell, string text) =>
        cell["source"] = cell["source"] is JsonValue ? JsonValue.Create(text) : CellOutputs.Lines(text);

    /// <summary>A deep copy of this notebook (same path), to edit without touching the original.</summary>
    public NotebookDocument Copy() => FromJson(Path, CopyJson());

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
