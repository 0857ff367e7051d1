namespace RnnNotebooks.Runner.Execution;

/// <summary>What a process tree uses: resident bytes and threads.</summary>
public readonly record struct TreeUsage(long ResidentBytes, int Threads);

/// <summary>
/// The resident memory and threads of a process and all its descendants (a notebook's process, the
/// package restores it starts, a sandbox around them), read from Linux's <c>/proc</c>: each process's
/// parent from <c>/proc/PID/stat</c>, its resident size from <c>VmRSS</c> and its threads from
/// <c>Threads</c> in <c>/proc/PID/status</c>.
/// </summary>
public static class ProcessTree
{
    /// <summary>True where <c>/proc</c> can be read (Linux); elsewhere the tree's memory cannot be watched.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/self/status");

    /// <summary>The resident bytes of <paramref name="rootId"/> and its descendants; 0 when it has ended.</summary>
    public static long ResidentBytes(int rootId) => Measure(rootId).ResidentBytes;

    /// <summary>The resident bytes and threads of <paramref name="rootId"/> and its descendants; zeros when it has ended.</summary>
    public static TreeUsage Measure(int rootId)
    {
        var childrenOf = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid) || ParentOf(pid) is not int parent) continue;
            if (!childrenOf.TryGetValue(parent, out var children)) childrenOf[parent] = children = [];
            children.Add(pid);
        }
        long total = 0;
        int threads = 0;
        var pending = new Stack<int>([rootId]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out int pid))
        {
            if (!seen.Add(pid)) continue;
            var (bytes, count) = UsageOf(pid);
            total += bytes;
            threads += count;
            if (childrenOf.TryGetValue(pid, out var children)) foreach (var child in children) pending.Push(child);
        }
        return new TreeUsage(total, threads);
    }

    /// <summary>The parent's id: the fourth field of /proc/PID/stat, after the command name in parentheses (which may hold spaces).</summary>
    static int? ParentOf(int pid)
    {
        string? stat = ReadOrNull($"/proc/{pid}/stat");
        int end = stat?.LastIndexOf(')') ?? -1;
        if (end < 0) return null;
        var fields = stat![(end + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out int parent) ? parent : null;
    }

    static (long Bytes, int Threads) UsageOf(int pid)
    {
        string? status = ReadOrNull($"/proc/{pid}/status");
        if (status is null) return (0, 0);
        long bytes = 0;
        int threads = 1;
        foreach (var line in status.Split('\n'))
        {
            bool rss = line.StartsWith("VmRSS:", StringComparison.Ordinal), count = line.StartsWith("Threads:", StringComparison.Ordinal);
            if (!rss && !count) continue;
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], out long value)) continue;
            if (rss) bytes = value * 1024;
            else threads = (int)Math.Max(1, value);
        }
        return (bytes, threads);
    }

    /// <summary>A process may end between listing and reading: that is not an error.</summary>
    static string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
