using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Runs one notebook in a child process (this same program, started with <see cref="ChildCommand"/>),
/// relays its cell reports, and kills it when a cell runs past the time limit.
/// </summary>
public static class NotebookProcess
{
    /// <summary>Time for a child process to start and warm up its kernel, on top of the cell limit.</summary>
    static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="notebook"/> and returns how it ended.</summary>
    /// <param name="executedPath">Where the executed copy goes.</param>
    /// <param name="cellTimeout">How long one cell may run before it is stopped.</param>
    /// <param name="packageSources">Extra NuGet sources for <c>#r "nuget:"</c> (the library's local feed).</param>
    /// <param name="onReport">Told when each cell starts and finishes.</param>
    public static async Task<NotebookOutcome> RunAsync(
        NotebookDocument notebook, string executedPath, TimeSpan cellTimeout,
        IReadOnlyList<string> packageSources, Action<CellReport> onReport)
    {
        var clock = Stopwatch.StartNew();
        var codeCells = notebook.CodeCells;
        using var process = new Process { StartInfo = StartInfo(notebook.Path, executedPath, packageSources) };
        var reports = Channel.CreateUnbounded<CellReport>();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) reports.Writer.TryComplete();
            else if (CellReport.FromLine(e.Data) is { } report) reports.Writer.TryWrite(report);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            var notStarted = new CellFailure(1, SourceOf(codeCells, 1),
                $"Could not start the notebook's process ({process.StartInfo.FileName}): {e.Message}. Is the .NET SDK's 'dotnet' on PATH?");
            return new NotebookOutcome(notebook.Path, NotebookStatus.Failed, 0, codeCells.Count, clock.Elapsed.TotalSeconds, notStarted, "not started");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        int cellsRun = 0, running = 0;
        CellFailure? failure = null;
        while (true)
        {
            // Before the first cell the process is still starting its kernel: allow for that too.
            using var deadline = new CancellationTokenSource(running == 0 && cellsRun == 0 && failure is null ? cellTimeout + StartupAllowance : cellTimeout);
            CellReport report;
            try
            {
                if (!await reports.Reader.WaitToReadAsync(deadline.Token)) break;
                report = await reports.Reader.ReadAsync();
            }
            catch (OperationCanceledException)
            {
                // Either a cell never ends or the kernel never starts; both stop the notebook here.
                process.Kill(entireProcessTree: true);
                int cell = Math.Max(running, cellsRun + 1);
                failure = new CellFailure(cell, SourceOf(codeCells, cell),
                    $"Cell {cell} did not finish within {cellTimeout.TotalSeconds:0} s and was stopped. " +
                    "Make the cell do less (fewer epochs, a smaller data set) or raise --cell-timeout.");
                MarkStopped(executedPath, notebook, cell, failure.Message);
                break;
            }
            onReport(report);
            if (!report.Finished) { running = report.Cell; continue; }
            running = 0;
            if (report.Error is null) cellsRun++;
            else failure = new CellFailure(report.Cell, SourceOf(codeCells, report.Cell), report.Error);
        }
        await process.WaitForExitAsync();

        if (failure is null && cellsRun < codeCells.Count)
        {
            int cell = cellsRun + 1;
            string tail = Tail(stderr.ToString(), 15);
            failure = new CellFailure(cell, SourceOf(codeCells, cell),
                $"The notebook's process ended unexpectedly (exit code {process.ExitCode}) during cell {cell}." +
                (tail.Length > 0 ? Environment.NewLine + tail : ""));
            MarkStopped(executedPath, notebook, cell, failure.Message);
        }
        return new NotebookOutcome(notebook.Path, failure is null ? NotebookStatus.Succeeded : NotebookStatus.Failed,
            cellsRun, codeCells.Count, clock.Elapsed.TotalSeconds, failure,
            failure is null ? null : $"cell {failure.Cell} failed", File.Exists(executedPath) ? executedPath : null);
    }

    static ProcessStartInfo StartInfo(string notebook, string executedPath, IReadOnlyList<string> packageSources)
    {
        var (program, prefix) = SelfInvocation();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in prefix.Append(ChildCommand.Name).Append(Path.GetFullPath(notebook)).Append(Path.GetFullPath(executedPath)))
            info.ArgumentList.Add(a);
        string? inherited = Environment.GetEnvironmentVariable(LocalFeed.SourcesVariable);
        var sources = packageSources.Select(Path.GetFullPath).ToList();
        if (!string.IsNullOrEmpty(inherited)) sources.Add(inherited);
        info.Environment[LocalFeed.SourcesVariable] = string.Join(';', sources);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    /// <summary>
    /// How to start this program again: its own executable under <c>dotnet run</c>, or
    /// <c>dotnet RnnNotebooks.Runner.dll</c> when the runner is hosted by another process (the tests).
    /// </summary>
    static (string Program, string[] Prefix) SelfInvocation()
    {
        string dll = typeof(NotebookProcess).Assembly.Location;
        string? current = Environment.ProcessPath;
        string currentName = Path.GetFileNameWithoutExtension(current ?? "");
        if (current is not null && currentName == Path.GetFileNameWithoutExtension(dll)) return (current, []);
        string dotnet = current is not null && currentName == "dotnet" ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (dotnet, [dll]);
    }

    /// <summary>Adds the reason a cell was stopped to the executed copy, so the page shows it too.</summary>
    static void MarkStopped(string executedPath, NotebookDocument original, int cell, string message)
    {
        var notebook = File.Exists(executedPath) ? TryLoad(executedPath) ?? original : original;
        var codeCells = notebook.CodeCells;
        if (cell < 1 || cell > codeCells.Count) return;
        var outputs = new CellOutputs([]);
        outputs.AddError("CellStopped", message);
        NotebookDocument.SetOutputs(codeCells[cell - 1], cell, outputs.Outputs);
        notebook.Save(executedPath);
    }

    static NotebookDocument? TryLoad(string path)
    {
        try { return NotebookDocument.Load(path); }
        catch (NotebookFormatException) { return null; }
    }

    static string SourceOf(IReadOnlyList<System.Text.Json.Nodes.JsonObject> codeCells, int cell) =>
        cell >= 1 && cell <= codeCells.Count ? NotebookDocument.SourceOf(codeCells[cell - 1]) : "";

    static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(l => l.TrimEnd('\r')));
}
