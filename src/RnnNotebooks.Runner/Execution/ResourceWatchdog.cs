using System.Diagnostics;

namespace RnnNotebooks.Runner.Execution;

/// <summary>The limits a <see cref="ResourceWatchdog"/> holds a process tree to; null means unwatched.</summary>
/// <param name="MemoryBytes">Resident memory of the whole tree.</param>
/// <param name="Threads">Threads of the whole tree (every process counts at least one).</param>
/// <param name="DiskFolder">A folder whose contents the tree may grow (a submission's scratch folder).</param>
/// <param name="DiskBytes">The most bytes of files <paramref name="DiskFolder"/> may hold.</param>
public sealed record ResourceLimits(long? MemoryBytes = null, int? Threads = null, string? DiskFolder = null, long? DiskBytes = null)
{
    /// <summary>True when any limit is set.</summary>
    public bool Any => MemoryBytes is not null || Threads is not null || (DiskFolder is not null && DiskBytes is not null);
}

/// <summary>Which limit a process tree passed.</summary>
public enum ResourceKind
{
    /// <summary>Resident memory.</summary>
    Memory,
    /// <summary>Threads (and processes).</summary>
    Threads,
    /// <summary>Bytes written to its folder.</summary>
    Disk,
}

/// <summary>
/// Watches a process tree and kills the whole tree the moment it passes a limit: resident memory (the
/// GC heap limit stops managed allocations; this catches native memory and many processes), threads
/// (a flood of threads or processes, which <c>RLIMIT_NPROC</c> cannot stop for root), and the bytes in
/// its scratch folder (a disk flood). It polls, so a tree can pass a limit by what it does in one interval.
/// </summary>
public sealed class ResourceWatchdog : IDisposable
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    readonly CancellationTokenSource _exceeded = new();
    readonly CancellationTokenSource _stop = new();

    ResourceWatchdog(Process process, ResourceLimits limits)
    {
        Limits = limits;
        _ = WatchAsync(process);
    }

    /// <summary>The limits watched.</summary>
    public ResourceLimits Limits { get; }

    /// <summary>The most resident memory the tree was seen to use, in bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>The limit that was passed, once <see cref="Exceeded"/> is cancelled.</summary>
    public ResourceKind? Passed { get; private set; }

    /// <summary>Cancelled when the tree passed a limit and was killed.</summary>
    public CancellationToken Exceeded => _exceeded.Token;

    /// <summary>Starts watching <paramref name="process"/>, or returns null when nothing is limited or <c>/proc</c> cannot be read.</summary>
    public static ResourceWatchdog? Start(Process process, ResourceLimits limits) =>
        limits.Any && ProcessTree.IsSupported ? new ResourceWatchdog(process, limits) : null;

    async Task WatchAsync(Process process)
    {
        try
        {
            while (!_stop.IsCancellationRequested && !process.HasExited)
            {
                var usage = ProcessTree.Measure(process.Id);
                PeakBytes = Math.Max(PeakBytes, usage.ResidentBytes);
                ResourceKind? passed =
                    usage.ResidentBytes > Limits.MemoryBytes ? ResourceKind.Memory
                    : usage.Threads > Limits.Threads ? ResourceKind.Threads
                    : Limits is { DiskFolder: { } folder, DiskBytes: long disk } && FolderBytes(folder) > disk ? ResourceKind.Disk
                    : null;
                if (passed is not null)
                {
                    // Say why first: the kill closes the child's output, and whoever sees that must
                    // already be able to tell a limit's stop from a crash.
                    Passed = passed;
                    _exceeded.Cancel();
                    process.Kill(entireProcessTree: true);
                    return;
                }
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (InvalidOperationException) { } // the process ended between the check and the kill, or we were disposed
    }

    /// <summary>The bytes of the files below <paramref name="folder"/>, links not followed.</summary>
    static long FolderBytes(string folder)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
            {
                try { total += file.Length; }
                catch (IOException) { } // deleted meanwhile
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return total;
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
