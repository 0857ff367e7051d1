using System.Diagnostics;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Bubblewrap (<c>bwrap</c>, Debian's package bubblewrap) around a submission's process, built as an
/// allow-list: the process sees the system's programs and libraries (<c>/usr</c>, and from <c>/etc</c>
/// only what the runtime reads), the folders it is given to read (the .NET installation, the packages,
/// the runner), its scratch folder (the only writable one), a private <c>/tmp</c> of bounded size in
/// memory, and nothing else of the host: no home folder, no other submissions, no course, no gradebook,
/// and so no mount that would name them. No network (the package restore reads the local feed and NuGet's
/// packages folder, both read-only), and its own process, IPC and host-name namespaces, so it sees no
/// other process and dies with the grader.
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
                return new Sandbox(bwrap, $"bubblewrap ({bwrap}): only the system, the .NET installation, the packages and the runner readable; a private /tmp; no network; each submission writes only to its scratch folder");
            }
            problem = $"bubblewrap ({bwrap}) is installed but cannot create a sandbox here: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"bubblewrap ({bwrap}) could not be started: {e.Message}";
        }
        return null;
    }

    /// <summary>What the runtime reads from <c>/etc</c>; the rest (keys, passwords, the host's settings) stays out.</summary>
    static readonly string[] EtcEntries =
    [
        "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "ssl/certs", "ca-certificates", "ca-certificates.conf",
        "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "gai.conf", "localtime", "timezone", "os-release", "mime.types",
    ];

    /// <summary>The command that runs <paramref name="inner"/> inside the sandbox.</summary>
    /// <param name="scratch">The only writable folder (and the working folder).</param>
    /// <param name="readable">Folders it may read besides the system's (the .NET installation, package feeds, the runner).</param>
    /// <param name="tmpBytes">The size of its private /tmp.</param>
    public ProcessStartInfo Wrap(ProcessStartInfo inner, string scratch, IEnumerable<string> readable, long tmpBytes)
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

        var arguments = new List<string> { "--ro-bind", "/usr", "/usr" };
        // Merged-/usr systems link /bin, /lib… into /usr; older ones have real folders.
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var entry = new DirectoryInfo(top);
            if (entry.LinkTarget is { } target) arguments.AddRange(["--symlink", target, top]);
            else if (entry.Exists) arguments.AddRange(["--ro-bind", top, top]);
        }
        foreach (var name in EtcEntries)
        {
            string path = Path.Combine("/etc", name);
            if (File.Exists(path) || Directory.Exists(path)) arguments.AddRange(["--ro-bind", path, path]);
        }
        arguments.AddRange(["--dev", "/dev", "--proc", "/proc"]);
        arguments.AddRange(["--size", tmpBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tmpfs", "/tmp"]);
        foreach (var folder in readable.Where(Directory.Exists).Select(Path.GetFullPath).Distinct().Order(StringComparer.Ordinal))
            arguments.AddRange(["--ro-bind", folder, folder]);
        string writable = Path.GetFullPath(scratch);
        arguments.AddRange(["--bind", writable, writable, "--chdir", writable]);
        arguments.AddRange(["--unshare-all", "--die-with-parent", "--new-session", "--", inner.FileName]);
        arguments.AddRange(inner.ArgumentList);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}
