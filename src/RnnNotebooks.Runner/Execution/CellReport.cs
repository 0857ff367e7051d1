using System.Text.Json;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// What a notebook's child process tells the runner about one code cell: it started, or it finished
/// (with its time and, when it failed, the error). Sent as one marked JSON line on standard output, so
/// anything else the process prints can never be mistaken for progress.
/// </summary>
/// <param name="Cell">The code cell's number, from 1.</param>
/// <param name="Of">How many code cells the notebook has.</param>
/// <param name="Finished">False when the cell starts, true when it ends.</param>
/// <param name="Seconds">How long the cell took (0 when it starts).</param>
/// <param name="Error">The cell's error, or null when it succeeded.</param>
public sealed record CellReport(int Cell, int Of, bool Finished, double Seconds = 0, string? Error = null)
{
    const string Marker = "@@rnn-notebooks-cell ";

    /// <summary>The line that carries this report.</summary>
    public string ToLine() => Marker + JsonSerializer.Serialize(this);

    /// <summary>The report a line carries, or null for any other line.</summary>
    public static CellReport? FromLine(string line)
    {
        if (!line.StartsWith(Marker, StringComparison.Ordinal)) return null;
        // A notebook's own code could print a line that looks like a report: a broken one is ignored.
        try { return JsonSerializer.Deserialize<CellReport>(line[Marker.Length..]); }
        catch (JsonException) { return null; }
    }
}
