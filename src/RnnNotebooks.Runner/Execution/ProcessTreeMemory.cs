namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// The resident memory of a process and all its descendants (a notebook's process, the package
/// restores it starts, a sandbox around them), read from Linux's <c>/proc</c>: each process's parent
/// from <c>/proc/PID/stat</c>, its resident size from <c>VmRSS</c> in <c>/proc/PID/status</c>.
/// </summary>
public static class ProcessTreeMemory
{
    /// <summary>True where <c>/proc</c> can be read (Linux); elsewhere the tree's memory cannot be watched.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/self/status");

    /// <summary>The resident bytes of <paramref name="rootId"/> and its descendants; 0 when it has ended.</summary>
    public static long ResidentBytes(int rootId)
    {
        var childrenOf = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid) || ParentOf(pid) is not int parent) continue;
            if (!childrenOf.TryGetValue(parent, out var children)) childrenOf[parent] = children = [];
            children.Add(pid);
        }
        long total = 0;
        var pending = new Stack<int>([rootId]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out int pid))
        {
            if (!seen.Add(pid)) continue;
            total += ResidentBytesOf(pid);
            if (childrenOf.TryGetValue(pid, out var children)) foreach (var child in children) pending.Push(child);
        }
        return total;
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

    static long ResidentBytesOf(int pid)
    {
        string? status = ReadOrNull($"/proc/{pid}/status");
        if (status is null) return 0;
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && long.TryParse(parts[1], out long kilobytes) ? kilobytes * 1024 : 0;
        }
        return 0;
    }

    /// <summary>A process may end between listing and reading: that is not an error.</summary>
    static string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
