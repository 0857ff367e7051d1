using System.Security.Cryptography;
using System.Text.RegularExpressions;
using RnnNotebooks.Data;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Data;

/// <summary>The shipped files are exactly those recorded in datasets/README.md, and the library embeds those bytes.</summary>
public class DatasetFilesTests
{
    static readonly string DatasetsFolder = Path.Combine(RepositoryRoot.Find(), "datasets");

    /// <summary>Rows of the README's provenance table: | `path` | source | path in package | licence | size | sha256 |</summary>
    public static TheoryData<string, long, string> Rows()
    {
        var rows = new TheoryData<string, long, string>();
        foreach (string line in File.ReadLines(Path.Combine(DatasetsFolder, "README.md")))
        {
            var m = Regex.Match(line, @"^\| `(?<path>[^`]+/[^`]+)` \|.*\| (?<size>[\d,]+) \| (?<sha>[0-9a-f]{64}) \|$");
            if (m.Success) rows.Add(m.Groups["path"].Value, long.Parse(m.Groups["size"].Value.Replace(",", "")), m.Groups["sha"].Value);
        }
        return rows;
    }

    [Fact]
    public void Readme_lists_every_shipped_file()
    {
        var listed = Rows().Select(r => (string)r[0]).ToHashSet();
        var shipped = Directory.EnumerateFiles(DatasetsFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DatasetsFolder, f).Replace('\\', '/'))
            .Where(f => f is not ("README.md" or "fetch.sh" or ".gitattributes"))
            .ToHashSet();
        Assert.Equal(57, listed.Count);
        Assert.Equal(shipped.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void File_matches_the_size_and_checksum_in_the_readme(string path, long size, string sha256)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(DatasetsFolder, path));
        Assert.Equal(size, bytes.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.True(bytes.Length < 2 * 1024 * 1024, $"{path} is {bytes.Length:N0} bytes: keep shipped files under 2 MB.");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Library_embeds_the_same_bytes(string path, long size, string sha256)
    {
        if (path.StartsWith("music/", StringComparison.Ordinal))
        {
            // GPL-2+: kept out of the MIT package, read from the clone (datasets/README.md, "Licences and the package").
            Assert.Throws<InvalidOperationException>(() => EmbeddedData.ReadBytes(path));
            return;
        }
        byte[] embedded = EmbeddedData.ReadBytes(path);
        Assert.Equal(size, embedded.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(embedded)));
    }

    [SkippableFact]
    public void Fetch_script_verify_mode_accepts_the_committed_files()
    {
        bool ci = Environment.GetEnvironmentVariable("CI") == "true";
        bool tools = new[] { "bash", "sha256sum" }.All(OnPath);
        if (!ci) Skip.IfNot(tools, "bash and sha256sum are needed to run datasets/fetch.sh --verify");
        var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(DatasetsFolder, "fetch.sh"), "--verify"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
        run.WaitForExit();
        Assert.True(run.ExitCode == 0, output);
        Assert.Contains("All 57 files match datasets/README.md", output);
    }

    static bool OnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
