using System.Diagnostics;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// How a notebook's child process is run: where its <c>#r "nuget:"</c> restores from, the limits it
/// runs under, and whether it goes on after a failing cell. <c>run</c> sets the cell limit only;
/// <c>grade</c> sets all of them, because a submission may loop, allocate or print without end.
/// </summary>
/// <param name="CellTimeout">How long one cell may run before the process is stopped.</param>
/// <param name="PackageSources">Extra NuGet sources (the library's local feed).</param>
public sealed record ExecutionPolicy(TimeSpan CellTimeout, IReadOnlyList<string> PackageSources)
{
    /// <summary>How long the whole notebook may run, kernel start included; null for no limit.</summary>
    public TimeSpan? NotebookTimeout { get; init; }

    /// <summary>
    /// The most resident memory, in MB, the process and its children may use together before they are
    /// killed. Each .NET process's GC heap is also held to <see cref="HeapLimitMegabytes"/> of it, so that a
    /// managed allocation past it fails in the cell (an <see cref="OutOfMemoryException"/>, and later cells
    /// still run) before the whole tree has to be killed. Null for no limit.
    /// </summary>
    public int? MemoryLimitMegabytes { get; init; }

    /// <summary>
    /// The GC heap limit for a memory bound: 512 MB below it (room for the runtime, the compiler and the
    /// package restore, about 250 MB measured), but at least half of it.
    /// </summary>
    public static int HeapLimitMegabytes(int memoryLimitMegabytes) => Math.Max(memoryLimitMegabytes / 2, memoryLimitMegabytes - 512);

    /// <summary>The most threads the process tree may run together (processes count too); null for no limit.</summary>
    public int? ThreadLimit { get; init; }

    /// <summary>A folder the process may write to and the most bytes it may hold (a submission's scratch folder); null for no limit.</summary>
    public (string Folder, long Bytes)? DiskLimit { get; init; }

    /// <summary>
    /// Set when the process runs code that may be hostile (grading): the folder that code can write to, which
    /// holds the executed copy. The copy is then read as untrusted input (no links followed, a regular file of
    /// bounded size, see <see cref="UntrustedFile"/>) and nothing is ever written back below this folder; the
    /// marked-up result is returned in <see cref="NotebookOutcome.Executed"/> for the caller to save
    /// somewhere the process cannot reach. Null for a trusted run.
    /// </summary>
    public string? UntrustedFolder { get; init; }

    /// <summary>True when <see cref="UntrustedFolder"/> is set.</summary>
    public bool Untrusted => UntrustedFolder is not null;

    /// <summary>
    /// Start the process with only these environment variables and the ones the runner sets (none of the
    /// caller's others: a teacher's tokens and paths must not reach a submission); null inherits the caller's.
    /// </summary>
    public IReadOnlyList<string>? InheritedVariables { get; init; }

    /// <summary>The most characters of output one cell keeps; null for no limit.</summary>
    public int? OutputLimit { get; init; }

    /// <summary>Run every cell even after one fails (grading), instead of stopping at the first failure.</summary>
    public bool KeepGoing { get; init; }

    /// <summary>Extra environment variables for the process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The code of held-back cells by code-cell number (from 1): each is written to the process's standard
    /// input when that cell starts, and is in no file it can read (grading's hidden tests). Empty for none.
    /// </summary>
    public IReadOnlyDictionary<int, string> HeldBack { get; init; } = new Dictionary<int, string>();

    /// <summary>Turns the process's command into the one actually started (e.g. inside a sandbox); null to start it as is.</summary>
    public Func<ProcessStartInfo, ProcessStartInfo>? Launcher { get; init; }
}
