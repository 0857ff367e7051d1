using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Turns the kernel events of one cell into nbformat outputs, the way Jupyter front-ends show them:
/// standard output and error as streams, displayed values as <c>display_data</c>, the cell's value as
/// <c>execute_result</c>, failures as <c>error</c>. A displayed value that is later updated (the live
/// training view) keeps one output holding its latest state; outputs are found by value id across the
/// whole session, because a value displayed in one cell may be updated from the next.
/// </summary>
public sealed class CellOutputs
{
    readonly Dictionary<string, JsonObject> _displayedById;
    readonly List<JsonObject> _outputs = [];

    /// <param name="displayedById">The session's displayed outputs by value id, shared by all cells.</param>
    public CellOutputs(Dictionary<string, JsonObject> displayedById) => _displayedById = displayedById;

    /// <summary>The outputs so far, in order.</summary>
    public IReadOnlyList<JsonObject> Outputs => _outputs;

    /// <summary>The first error message, or null when the cell succeeded.</summary>
    public string? Error { get; private set; }

    /// <summary>Adds the outputs one kernel event stands for; events without output are ignored.</summary>
    public void Add(KernelEvent e, int executionCount)
    {
        switch (e)
        {
            case StandardOutputValueProduced o: AddStream("stdout", PlainText(o.FormattedValues)); break;
            case StandardErrorValueProduced o: AddStream("stderr", PlainText(o.FormattedValues)); break;
            case ReturnValueProduced r:
                _outputs.Add(new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["data"] = Data(r.FormattedValues),
                    ["metadata"] = new JsonObject(),
                    ["execution_count"] = executionCount,
                });
                break;
            case DisplayedValueUpdated u:
                if (u.ValueId is not null && _displayedById.TryGetValue(u.ValueId, out var shown))
                    shown["data"] = Data(u.FormattedValues);
                else
                    AddDisplay(u);
                break;
            case DisplayedValueProduced d: AddDisplay(d); break;
            case ErrorProduced err: AddError("Error", err.Message); break;
            case CommandFailed failed:
                AddError(failed.Exception?.GetType().Name ?? "Error", failed.Message ?? failed.Exception?.Message ?? "The cell failed.");
                break;
        }
    }

    /// <summary>Records a failure the kernel could not report (e.g. the cell was stopped).</summary>
    public void AddError(string name, string message)
    {
        // The kernel reports some failures twice (ErrorProduced, then CommandFailed with the same text).
        if (_outputs.Any(o => (string?)o["output_type"] == "error" && (string?)o["evalue"] == message)) return;
        Error ??= message;
        _outputs.Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode)JsonValue.Create(l.TrimEnd('\r'))!).ToArray()),
        });
    }

    void AddDisplay(DisplayEvent d)
    {
        var output = new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(d.FormattedValues),
            ["metadata"] = new JsonObject(),
        };
        _outputs.Add(output);
        if (d.ValueId is not null) _displayedById[d.ValueId] = output;
    }

    void AddStream(string name, string text)
    {
        if (text.Length == 0) return;
        // Consecutive writes to one stream become one output, as in Jupyter.
        if (_outputs.Count > 0 && _outputs[^1] is var last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            last["text"] = Lines(string.Concat(((JsonArray)last["text"]!).Select(l => (string?)l)) + text);
            return;
        }
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = Lines(text) });
    }

    static string PlainText(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? values.FirstOrDefault()?.Value ?? "";

    static JsonObject Data(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values)
        {
            if (data.ContainsKey(v.MimeType)) continue;
            data[v.MimeType] = v.MimeType.EndsWith("json", StringComparison.Ordinal) && TryParse(v.Value) is { } json
                ? json
                : Lines(v.Value ?? "");
        }
        return data;
    }

    static JsonNode? TryParse(string? text)
    {
        try { return text is null ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>nbformat's multi-line string: a list of lines, each keeping its newline.</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { lines.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
