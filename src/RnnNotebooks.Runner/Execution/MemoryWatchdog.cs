using System.Diagnostics;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Watches a process tree's resident memory and kills the whole tree the moment it passes a bound.
/// The GC heap limit stops managed allocations; this catches the rest (native memory, many processes).
/// </summary>
public sealed class MemoryWatchdog : IDisposable
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    readonly CancellationTokenSource _exceeded = new();
    readonly CancellationTokenSource _stop = new();

    MemoryWatchdog(Process process, long limitBytes)
    {
        LimitBytes = limitBytes;
        _ = WatchAsync(process);
    }

    /// <summary>The bound, in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>The most the tree was seen to use, in bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Cancelled when the tree passed the bound and was killed.</summary>
    public CancellationToken Exceeded => _exceeded.Token;

    /// <summary>Starts watching <paramref name="process"/>, or returns null where process memory cannot be read.</summary>
    public static MemoryWatchdog? Start(Process process, long limitBytes) =>
        ProcessTreeMemory.IsSupported ? new MemoryWatchdog(process, limitBytes) : null;

    async Task WatchAsync(Process process)
    {
        try
        {
            while (!_stop.IsCancellationRequested && !process.HasExited)
            {
                long bytes = ProcessTreeMemory.ResidentBytes(process.Id);
                PeakBytes = Math.Max(PeakBytes, bytes);
                if (bytes > LimitBytes)
                {
                    // Say why first: the kill closes the child's output, and whoever sees that must
                    // already be able to tell a memory stop from a crash.
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

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
