using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Runs one notebook in a child process (this same program, started with <see cref="ChildCommand"/>),
/// relays its cell reports, and kills it when a cell or the whole notebook runs past its time limit or
/// the process tree passes its memory bound (<see cref="ExecutionPolicy"/>). The child's output is read
/// with bounded lines, so nothing it prints can exhaust this process's memory.
/// </summary>
public static class NotebookProcess
{
    /// <summary>Time for a child process to start its kernel, or for a cell to restore packages, on top of the cell limit.</summary>
    static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(60);

    /// <summary>Longer lines from the child are cut: a report line is far shorter.</summary>
    const int MaxLine = 64 * 1024;

    /// <summary>The lines of the child's standard error kept for the message when it dies.</summary>
    const int ErrorTailLines = 15;

    /// <summary>Runs <paramref name="notebook"/> and returns how it ended.</summary>
    /// <param name="executedPath">Where the executed copy goes.</param>
    /// <param name="policy">Package sources, limits, and whether to go on after a failing cell.</param>
    /// <param name="onReport">Told when each cell starts and finishes.</param>
    public static async Task<NotebookOutcome> RunAsync(
        NotebookDocument notebook, string executedPath, ExecutionPolicy policy, Action<CellReport> onReport)
    {
        var clock = Stopwatch.StartNew();
        var codeCells = notebook.CodeCells;
        var info = StartInfo(notebook.Path, executedPath, policy);
        using var process = new Process { StartInfo = policy.Launcher?.Invoke(info) ?? info };
        try { StartOnOwnThread(process); }
        catch (System.ComponentModel.Win32Exception e)
        {
            var notStarted = new CellFailure(1, SourceOf(codeCells, 1),
                $"Could not start the notebook's process ({process.StartInfo.FileName}): {e.Message}. Is the .NET SDK's 'dotnet' on PATH?");
            return new NotebookOutcome(notebook.Path, NotebookStatus.Failed, 0, codeCells.Count, clock.Elapsed.TotalSeconds, notStarted, "not started");
        }

        var reports = Channel.CreateUnbounded<CellReport>();
        var stdout = Task.Run(async () =>
        {
            await BoundedLineReader.ReadAsync(process.StandardOutput.BaseStream, MaxLine, line =>
            {
                if (CellReport.FromLine(line) is { } report) reports.Writer.TryWrite(report);
            });
            reports.Writer.TryComplete();
        });
        var stderrTail = new Queue<string>();
        var stderr = Task.Run(() => BoundedLineReader.ReadAsync(process.StandardError.BaseStream, MaxLine, line =>
        {
            lock (stderrTail)
            {
                if (line.Length == 0) return;
                stderrTail.Enqueue(line);
                if (stderrTail.Count > ErrorTailLines) stderrTail.Dequeue();
            }
        }));
        using var notebookDeadline = new CancellationTokenSource(policy.NotebookTimeout ?? Timeout.InfiniteTimeSpan);
        using var watchdog = ResourceWatchdog.Start(process, new ResourceLimits(
            policy.MemoryLimitMegabytes * 1024L * 1024, policy.ThreadLimit, policy.DiskLimit?.Folder, policy.DiskLimit?.Bytes));

        int cellsRun = 0, lastFinished = 0, running = 0;
        CellFailure? failure = null, stopped = null;
        while (true)
        {
            // Before the first cell the process is still starting its kernel, and a cell that restores
            // packages waits for NuGet (slow on a busy machine): allow for that too.
            var limit = (running == 0 && lastFinished == 0) || RestoresPackages(codeCells, running) ? policy.CellTimeout + StartupAllowance : policy.CellTimeout;
            using var cellDeadline = new CancellationTokenSource(limit);
            using var anyLimit = CancellationTokenSource.CreateLinkedTokenSource(
                cellDeadline.Token, notebookDeadline.Token, watchdog?.Exceeded ?? CancellationToken.None);
            CellReport report;
            try
            {
                if (!await reports.Reader.WaitToReadAsync(anyLimit.Token)) break;
                report = await reports.Reader.ReadAsync();
            }
            catch (OperationCanceledException)
            {
                // A cell never ends, the kernel never starts, or the tree uses too much memory: the notebook stops here.
                Kill(process);
                int cell = Math.Max(running, lastFinished + 1);
                stopped = new CellFailure(cell, SourceOf(codeCells, cell), WhyStopped(cell, limit, policy, notebookDeadline, watchdog));
                break;
            }
            onReport(report);
            if (!report.Finished && policy.HeldBack.TryGetValue(report.Cell, out string? code)) await HandOverAsync(process, code);
            if (!report.Finished) { running = report.Cell; continue; }
            running = 0;
            lastFinished = report.Cell;
            if (report.Error is null) cellsRun++;
            else failure ??= new CellFailure(report.Cell, SourceOf(codeCells, report.Cell), report.Error);
        }
        // The child closed its output; give it a moment to exit, and make sure it does.
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) Kill(process);
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);

        bool expectedMore = policy.KeepGoing || failure is null;
        if (stopped is null && watchdog is { Exceeded.IsCancellationRequested: true })
        {
            // The watchdog's kill ended the output before the wait above saw its signal.
            int cell = Math.Max(running, lastFinished + 1);
            stopped = new CellFailure(cell, SourceOf(codeCells, cell), WhyStopped(cell, policy.CellTimeout, policy, notebookDeadline, watchdog));
        }
        else if (stopped is null && expectedMore && lastFinished < codeCells.Count)
        {
            int cell = lastFinished + 1;
            string tail;
            lock (stderrTail) tail = string.Join(Environment.NewLine, stderrTail);
            // A .NET process that hits its GC heap limit outside the cell's own code dies with "Out of memory".
            bool outOfMemory = tail.Contains("OutOfMemory", StringComparison.Ordinal) || tail.Contains("Out of memory", StringComparison.OrdinalIgnoreCase);
            stopped = new CellFailure(cell, SourceOf(codeCells, cell),
                (outOfMemory
                    ? $"The notebook's process ran out of memory during cell {cell} and ended (exit code {process.ExitCode}). Keep less data in memory, or raise --memory."
                    : $"The notebook's process ended unexpectedly (exit code {process.ExitCode}) during cell {cell}.") +
                (tail.Length > 0 ? Environment.NewLine + tail : ""));
        }
        failure ??= stopped;
        var executed = ReadExecuted(executedPath, notebook, policy);
        if (stopped is not null && executed is not null) MarkStopped(executed, stopped.Cell, stopped.Message);
        // A trusted run's executed copy shows the stop too; an untrusted one is never written back where its code could write.
        if (executed is not null && !policy.Untrusted && (stopped is not null || !File.Exists(executedPath))) executed.Save(executedPath);
        return new NotebookOutcome(notebook.Path, failure is null ? NotebookStatus.Succeeded : NotebookStatus.Failed,
            cellsRun, codeCells.Count, clock.Elapsed.TotalSeconds, failure,
            failure is null ? null : $"cell {failure.Cell} failed", executed is null || policy.Untrusted ? null : executedPath, stopped, executed);
    }

    /// <summary>The most bytes of an executed copy read back from an untrusted run.</summary>
    const long MaxExecutedBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The executed copy the child left, with the original's cells when it left none (a process stopped
    /// before its first save). An untrusted run's file is read as hostile input; a file that cannot be read
    /// or parsed counts as none.
    /// </summary>
    static NotebookDocument? ReadExecuted(string executedPath, NotebookDocument original, ExecutionPolicy policy)
    {
        if (!policy.Untrusted)
            return File.Exists(executedPath) ? TryLoad(executedPath) ?? original.Copy() : original.Copy();        string? text = UntrustedFile.ReadText(policy.UntrustedFolder!, executedPath, MaxExecutedBytes, out _);
        if (text is null) return null;
        try
        {
            return NotebookDocument.FromJson(executedPath, System.Text.Json.Nodes.JsonNode.Parse(text));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotebookFormatException or InvalidOperationException) { return null; }
    }

    static string WhyStopped(int cell, TimeSpan cellLimit, ExecutionPolicy policy, CancellationTokenSource notebookDeadline, ResourceWatchdog? watchdog)
    {
        if (watchdog is { Exceeded.IsCancellationRequested: true })
            return watchdog.Passed switch
            {
                ResourceKind.Threads =>
                    $"Cell {cell} made the notebook's processes run more than {watchdog.Limits.Threads} threads, and the notebook was stopped. " +
                    "Start fewer threads or processes (a loop that starts one per item?), or raise --threads.",
                ResourceKind.Disk =>
                    $"Cell {cell} wrote more than {watchdog.Limits.DiskBytes / (1024 * 1024)} MB of files, and the notebook was stopped. " +
                    "Write less to disk (keep results in memory, delete files you no longer need), or raise --disk.",
                _ =>
                    $"Cell {cell} made the notebook's processes use more than {watchdog.Limits.MemoryBytes / (1024 * 1024)} MB of memory, and the notebook was stopped. " +
                    "Keep less data in memory (smaller arrays, fewer copies), or raise --memory.",
            };
        if (notebookDeadline.IsCancellationRequested)
            return string.Create(CultureInfo.InvariantCulture,
                $"The notebook ran longer than {policy.NotebookTimeout!.Value.TotalSeconds:0} s in all and was stopped during cell {cell}. Make the cells do less, or raise --notebook-timeout.");
        return string.Create(CultureInfo.InvariantCulture,
            $"Cell {cell} did not finish within {cellLimit.TotalSeconds:0} s and was stopped. ") +
            "Make the cell do less (fewer epochs, a smaller data set) or raise --cell-timeout.";
    }

    /// <summary>
    /// Starts the process from a thread that lives until it exits. A sandbox started with
    /// <c>bwrap --die-with-parent</c> is killed when the thread that started it ends (Linux's parent-death
    /// signal follows the thread, not the process), and a thread-pool thread may end at any moment.
    /// </summary>
    static void StartOnOwnThread(Process process)
    {
        Exception? failure = null;
        using var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try { process.Start(); }
            catch (Exception e) { failure = e; }
            started.Set();
            if (failure is null)
            {
                try { process.WaitForExit(); }
                catch (InvalidOperationException) { } // disposed by the caller once it saw the exit
            }
        }) { IsBackground = true, Name = "notebook process" };
        thread.Start();
        started.Wait();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Writes a held-back cell's code to the process, which reads it as the cell starts.</summary>
    static async Task HandOverAsync(Process process, string code)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(code));
            await process.StandardInput.FlushAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException) { } // it has ended: the cell does not run
    }

    static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it ended on its own meanwhile
    }

    static ProcessStartInfo StartInfo(string notebook, string executedPath, ExecutionPolicy policy)
    {
        var (program, prefix) = SelfInvocation();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = prefix.Append(ChildCommand.Name).Append(Path.GetFullPath(notebook)).Append(Path.GetFullPath(executedPath));
        if (policy.KeepGoing) arguments = arguments.Append(ChildCommand.KeepGoingOption);
        if (policy.OutputLimit is int limit) arguments = arguments.Append(ChildCommand.OutputLimitOption).Append(limit.ToString(CultureInfo.InvariantCulture));
        foreach (var a in arguments) info.ArgumentList.Add(a);

        if (policy.InheritedVariables is { } keep)
        {
            info.Environment.Clear();
            foreach (var name in keep)
                if (Environment.GetEnvironmentVariable(name) is { } value) info.Environment[name] = value;
        }
        string? inherited = Environment.GetEnvironmentVariable(LocalFeed.SourcesVariable);
        var sources = policy.PackageSources.Select(Path.GetFullPath).ToList();
        if (!string.IsNullOrEmpty(inherited)) sources.Add(inherited);
        info.Environment[LocalFeed.SourcesVariable] = string.Join(';', sources);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (policy.MemoryLimitMegabytes is int megabytes)
            info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (ExecutionPolicy.HeapLimitMegabytes(megabytes) * 1024L * 1024).ToString("X", CultureInfo.InvariantCulture);
        foreach (var (name, value) in policy.Environment) info.Environment[name] = value;
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
    static void MarkStopped(NotebookDocument notebook, int cell, string message)
    {
        var codeCells = notebook.CodeCells;
        if (cell < 1 || cell > codeCells.Count) return;
        var outputs = new CellOutputs([]);
        outputs.AddError("CellStopped", message);
        NotebookDocument.SetOutputs(codeCells[cell - 1], cell, outputs.Outputs);
    }

    static NotebookDocument? TryLoad(string path)
    {
        try { return NotebookDocument.Load(path); }
        catch (NotebookFormatException) { return null; }
        catch (IOException) { return null; }
    }

    static bool RestoresPackages(IReadOnlyList<System.Text.Json.Nodes.JsonObject> codeCells, int cell) =>
        SourceOf(codeCells, cell).Contains("#r \"nuget:", StringComparison.Ordinal);

    static string SourceOf(IReadOnlyList<System.Text.Json.Nodes.JsonObject> codeCells, int cell) =>
        cell >= 1 && cell <= codeCells.Count ? NotebookDocument.SourceOf(codeCells[cell - 1]) : "";
}
