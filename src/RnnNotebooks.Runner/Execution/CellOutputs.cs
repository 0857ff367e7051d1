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
/// With a limit, a cell's outputs hold at most that many characters: a cell that prints without end
/// cannot make the executed copy (and whoever reads it) arbitrarily large.
/// </summary>
public sealed class CellOutputs
{
    readonly Dictionary<string, JsonObject> _displayedById;
    readonly List<JsonObject> _outputs = [];
    readonly int? _limit;
    int _characters;
    bool _truncated;
    // The stream output being written and its text so far: consecutive writes append here and the
    // output's line list is built once, when the outputs are read (re-joining it per write is quadratic).
    JsonObject? _openStream;
    readonly System.Text.StringBuilder _openText = new();

    /// <param name="displayedById">The session's displayed outputs by value id, shared by all cells.</param>
    /// <param name="limit">The most characters of output the cell keeps, or null for no limit.</param>
    public CellOutputs(Dictionary<string, JsonObject> displayedById, int? limit = null)
    {
        _displayedById = displayedById;
        _limit = limit;
    }

    /// <summary>The note that replaces output past the limit.</summary>
    public static string TruncationNote(int limit) =>
        $"[output truncated: this cell produced more than {limit:N0} characters of output; the rest was dropped]";

    /// <summary>The outputs so far, in order.</summary>
    public IReadOnlyList<JsonObject> Outputs
    {
        get
        {
            CloseStream();
            return _outputs;
        }
    }

    void CloseStream()
    {
        if (_openStream is null) return;
        _openStream["text"] = Lines(_openText.ToString());
        _openStream = null;
        _openText.Clear();
    }

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
                CloseStream();
                _outputs.Add(new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["data"] = Data(Within(r.FormattedValues)),
                    ["metadata"] = new JsonObject(),
                    ["execution_count"] = executionCount,
                });
                break;
            case DisplayedValueUpdated u:
                if (u.ValueId is not null && _displayedById.TryGetValue(u.ValueId, out var shown))
                    shown["data"] = Data(Within(u.FormattedValues, replacing: true));
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
        if (_limit is int limit && message.Length > limit) message = message[..limit] + "\n" + TruncationNote(limit);
        // The kernel reports some failures twice (ErrorProduced, then CommandFailed with the same text).
        if (_outputs.Any(o => (string?)o["output_type"] == "error" && (string?)o["evalue"] == message)) return;
        Error ??= message;
        CloseStream();
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
        CloseStream();
        var output = new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(Within(d.FormattedValues)),
            ["metadata"] = new JsonObject(),
        };
        _outputs.Add(output);
        if (d.ValueId is not null) _displayedById[d.ValueId] = output;
    }

    /// <summary>The values, or a plain-text note instead of them when they would pass the cell's limit.</summary>
    /// <param name="replacing">An update of a shown value: it replaces the old state, so only its own size counts.</param>
    IEnumerable<FormattedValue> Within(IEnumerable<FormattedValue> values, bool replacing = false)
    {
        if (_limit is not int limit) return values;
        long size = values.Sum(v => (long)(v.Value?.Length ?? 0));
        if (replacing ? size <= limit : _characters + size <= limit)
        {
            if (!replacing) _characters += (int)size;
            return values;
        }
        return [new FormattedValue("text/plain", TruncationNote(limit))];
    }

    void AddStream(string name, string text)
    {
        if (_limit is int limit)
        {
            if (_truncated) return;
            if (_characters + text.Length > limit)
            {
                text = text[..(limit - _characters)] + "\n" + TruncationNote(limit) + "\n";
                _truncated = true;
            }
            _characters += text.Length;
        }
        if (text.Length == 0) return;
        // Consecutive writes to one stream become one output, as in Jupyter.
        if (_openStream is not null && (string?)_openStream["name"] == name)
        {
            _openText.Append(text);
            return;
        }
        CloseStream();
        _openStream = new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = new JsonArray() };
        _openText.Append(text);
        _outputs.Add(_openStream);
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
