using System.Globalization;

namespace RnnNotebooks.Runner.Execution;

/// <summary>The table printed at the end of <c>run</c>: one row per notebook, then the totals.</summary>
public static class RunSummary
{
    /// <summary>Writes the summary of <paramref name="outcomes"/>.</summary>
    public static void Write(IReadOnlyList<NotebookOutcome> outcomes, TextWriter log)
    {
        int width = Math.Max(8, outcomes.Select(o => o.Name.Length).DefaultIfEmpty(0).Max());
        log.WriteLine();
        log.WriteLine($"{"notebook".PadRight(width)}  {"cells",7}  {"seconds",8}  status");
        foreach (var o in outcomes)
        {
            bool ran = o.Status is NotebookStatus.Succeeded or NotebookStatus.Failed;
            string cells = ran ? $"{o.CellsRun}/{o.CellCount}" : "-";
            string seconds = ran ? o.Seconds.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            string status = o.Status switch
            {
                NotebookStatus.Succeeded => "ok",
                NotebookStatus.Failed => $"FAILED at cell {o.Failure?.Cell}",
                NotebookStatus.Skipped => $"skipped: {FirstSentence(o.Problem)}",
                _ => $"not run: {FirstSentence(o.Problem)}",
            };
            log.WriteLine($"{o.Name.PadRight(width)}  {cells,7}  {seconds,8}  {status}");
        }
        int ok = outcomes.Count(o => o.Status == NotebookStatus.Succeeded);
        int skipped = outcomes.Count(o => o.Status == NotebookStatus.Skipped);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcomes.Count} notebook{(outcomes.Count == 1 ? "" : "s")}: {ok} ok, {outcomes.Count - ok - skipped} failed{(skipped > 0 ? $", {skipped} skipped" : "")}; {outcomes.Sum(o => o.CellsRun)}/{outcomes.Sum(o => o.CellCount)} cells ran in {outcomes.Sum(o => o.Seconds):0.0} s."));
    }

    static string FirstSentence(string? text) => text is null ? "" : text.Split(". ")[0].TrimEnd('.');
}
