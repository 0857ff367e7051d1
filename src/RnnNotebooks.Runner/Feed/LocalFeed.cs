using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace RnnNotebooks.Runner.Feed;

/// <summary>A packed build of the library in a local folder feed, and the version it was packed as.</summary>
public sealed record PackedLibrary(string FeedFolder, string Version);

/// <summary>
/// Keeps <c>artifacts/feed</c> holding the library as built from the current checkout. Notebooks say
/// <c>#r "nuget: RnnNotebooks, *-*"</c>; the kernels the runner hosts (and the Jupyter kernelspec)
/// get this folder through <c>RestoreAdditionalProjectSources</c>. NuGet caches a package by id and
/// version, so every change is packed under a fresh prerelease version
/// (<c>0.1.0-dev.&lt;UTC timestamp&gt;</c>): a stale cached copy can never be picked.
/// </summary>
public static class LocalFeed
{
    /// <summary>The environment variable the <c>#r "nuget:"</c> restore reads extra sources from.</summary>
    public const string SourcesVariable = "RestoreAdditionalProjectSources";

    /// <summary>The folders whose contents go into the package; a change in any of them repacks.</summary>
    static readonly string[] PackedInputs = ["src/RnnNotebooks", "src/RnnNotebooks.Interactive", "datasets", "Directory.Build.props", "Directory.Packages.props"];

    /// <summary>
    /// Packs the library into <c>&lt;repo&gt;/artifacts/feed</c> unless the feed already holds a pack of
    /// exactly the current sources, and returns the feed and the version to expect.
    /// </summary>
    public static PackedLibrary EnsureFresh(string repositoryRoot, TextWriter? log = null)
    {
        // Two processes (a test run and a kernel install, say) may ask at once: one packs, the
        // other waits and then finds the fresh pack.
        using var _ = FeedLock.Acquire(Path.Combine(repositoryRoot, "artifacts", "feed.lock"), log);
        return EnsureFreshUnlocked(repositoryRoot, log);
    }

    static PackedLibrary EnsureFreshUnlocked(string repositoryRoot, TextWriter? log)
    {
        string feed = Path.Combine(repositoryRoot, "artifacts", "feed");
        string stampFile = Path.Combine(feed, "stamp.txt");
        string hash = HashInputs(repositoryRoot);

        if (File.Exists(stampFile))
        {
            var parts = File.ReadAllText(stampFile).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == hash && File.Exists(Path.Combine(feed, $"RnnNotebooks.{parts[1]}.nupkg")))
                return new PackedLibrary(feed, parts[1]);
        }

        string version = $"0.1.0-dev.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Directory.CreateDirectory(feed);
        foreach (var old in Directory.GetFiles(feed, "RnnNotebooks.*.nupkg")) File.Delete(old);
        log?.WriteLine($"Packing the library from this checkout as RnnNotebooks {version} into {feed} ...");

        string project = Path.Combine(repositoryRoot, "src", "RnnNotebooks", "RnnNotebooks.csproj");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo", "-v", "quiet" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start 'dotnet pack'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'dotnet pack {project}' failed (exit {process.ExitCode}); the library does not build:{Environment.NewLine}{stdout.Result}{stderr.Result}");

        File.WriteAllText(stampFile, hash + "\n" + version + "\n");
        return new PackedLibrary(feed, version);
    }

    /// <summary>A hash over the paths and contents of every packed input, ignoring build output.</summary>
    static string HashInputs(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in PackedInputs)
        {
            string full = Path.Combine(root, input);
            IEnumerable<string> files = File.Exists(full) ? [full]
                : Directory.Exists(full) ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories) : [];
            foreach (var file in files
                         .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\0"));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    static bool IsBuildOutput(string relative)
    {
        var segments = relative.Replace('\\', '/').Split('/');
        return segments.Contains("bin") || segments.Contains("obj");
    }
}
