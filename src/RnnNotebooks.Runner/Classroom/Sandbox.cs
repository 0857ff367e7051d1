using System.Diagnostics;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Bubblewrap (<c>bwrap</c>, Debian's package bubblewrap) around a submission's process: the whole
/// file system read-only, a private empty <c>/tmp</c>, the folders it has no business reading hidden
/// (other submissions, the solutions, the home folder), only the submission's scratch folder writable, no network (the package restore reads the
/// local feed and NuGet's packages folder, both read-only), and its own process, IPC and host-name
/// namespaces, so it sees no other process and dies with the grader.
/// </summary>
public sealed class Sandbox
{
    readonly string _bwrap;

    Sandbox(string bwrap, string description)
    {
        _bwrap = bwrap;
        Description = description;
    }

    /// <summary>One line saying what the sandbox is, for the console and the gradebook.</summary>
    public string Description { get; }

    /// <summary>
    /// Finds <c>bwrap</c> on PATH and checks it can set up its namespaces here (user namespaces may be
    /// disabled, or the grader may itself run in a container that forbids them).
    /// </summary>
    /// <param name="problem">Why there is no sandbox, when there is none.</param>
    public static Sandbox? Find(out string problem)
    {
        string? bwrap = OperatingSystem.IsLinux()
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "bwrap")).FirstOrDefault(File.Exists)
            : null;
        if (bwrap is null)
        {
            problem = OperatingSystem.IsLinux()
                ? "bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: apt-get install bubblewrap) to sandbox submissions."
                : "the bubblewrap sandbox exists on Linux only.";
            return null;
        }
        var probe = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-all", "--die-with-parent", "--", "true"])
            probe.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(probe)!;
            string error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
            if (process.HasExited && process.ExitCode == 0)
            {
                problem = "";
                return new Sandbox(bwrap, $"bubblewrap ({bwrap}): read-only file system, private /tmp, no network; each submission writes only to its scratch folder");
            }
            problem = $"bubblewrap ({bwrap}) is installed but cannot create a sandbox here: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"bubblewrap ({bwrap}) could not be started: {e.Message}";
        }
        return null;
    }

    /// <summary>The command that runs <paramref name="inner"/> inside the sandbox.</summary>
    /// <param name="scratch">The only writable folder.</param>
    /// <param name="hidden">Folders replaced by an empty one (other students' work, the solutions, the gradebook).</param>
    /// <param name="readable">Folders that stay readable even inside a hidden one or /tmp (package feeds, the runner).</param>
    public ProcessStartInfo Wrap(ProcessStartInfo inner, string scratch, IEnumerable<string> hidden, IEnumerable<string> readable)
    {
        var info = new ProcessStartInfo(_bwrap)
        {
            RedirectStandardInput = inner.RedirectStandardInput,
            RedirectStandardOutput = inner.RedirectStandardOutput,
            RedirectStandardError = inner.RedirectStandardError,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (name, value) in inner.Environment) info.Environment[name] = value;

        var arguments = new List<string> { "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp" };
        foreach (var folder in hidden.Where(Directory.Exists)) arguments.AddRange(["--tmpfs", Path.GetFullPath(folder)]);
        foreach (var folder in readable.Where(Directory.Exists).Select(Path.GetFullPath).Distinct()) arguments.AddRange(["--ro-bind", folder, folder]);
        string writable = Path.GetFullPath(scratch);
        arguments.AddRange(["--bind", writable, writable, "--chdir", writable]);
        arguments.AddRange(["--unshare-all", "--die-with-parent", "--new-session", "--", inner.FileName]);
        arguments.AddRange(inner.ArgumentList);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}
