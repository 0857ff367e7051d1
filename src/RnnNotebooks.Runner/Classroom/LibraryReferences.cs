using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The assemblies a course notebook's cells compile against, for <see cref="NotebookCompilation"/>: the .NET
/// framework, the kernel's own (Microsoft.DotNet.Interactive, whose <c>display</c> cells call), and the packages
/// the notebook restores with <c>#r "nuget: Id, Version"</c> and their dependencies, read from NuGet's packages
/// folder where the grader's package warm-up put them (the library is taken from the grading feed's own package).
/// </summary>
public sealed partial class LibraryReferences
{
    LibraryReferences(IReadOnlyList<string> paths)
    {
        Paths = paths;
        All = [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    }

    /// <summary>The assembly files.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The references, for a compilation.</summary>
    public IReadOnlyList<MetadataReference> All { get; }

    /// <summary>The framework's and the kernel's assemblies and <paramref name="assemblies"/>.</summary>
    public static LibraryReferences Of(IEnumerable<string> assemblies) => new(Deduplicated([.. assemblies, .. Platform()]));

    /// <summary>
    /// The references of the notebooks <paramref name="sources"/> restore: each <c>#r "nuget:"</c> package and its
    /// dependencies, from <paramref name="packagesFolder"/> (a version <c>*</c> or <c>*-*</c> is the one in
    /// <paramref name="feeds"/>, else the newest there).
    /// </summary>
    public static LibraryReferences FromPackages(IEnumerable<string> sources, string packagesFolder, IEnumerable<string> feeds)
    {
        var feedPackages = feeds.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.nupkg")).ToList();
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in sources.SelectMany(s => PackageLine().Matches(s)))
        {
            string id = m.Groups["id"].Value.Trim(), version = m.Groups["version"].Success ? m.Groups["version"].Value.Trim() : "*";
            if (version.Contains('*')) version = FeedVersion(feedPackages, id) ?? Installed(packagesFolder, id).LastOrDefault() ?? version;
            Add(packagesFolder, id, version, found, seen);
        }
        return Of(found);
    }

    /// <summary>Adds the package's lib assemblies, then its dependencies'.</summary>
    static void Add(string packagesFolder, string id, string minimum, List<string> found, HashSet<string> seen)
    {
        if (!seen.Add(id)) return;
        var versions = Installed(packagesFolder, id);
        string? version = versions.FirstOrDefault(v => v.Equals(minimum, StringComparison.OrdinalIgnoreCase))
                          ?? versions.FirstOrDefault(v => CompareVersions(v, minimum) >= 0) ?? versions.LastOrDefault();
        if (version is null) return;
        string folder = Path.Combine(packagesFolder, id.ToLowerInvariant(), version);
        if (BestFramework(Path.Combine(folder, "lib")) is { } lib)
            found.AddRange(Directory.EnumerateFiles(lib, "*.dll"));
        var nuspec = Directory.EnumerateFiles(folder, "*.nuspec").FirstOrDefault();
        if (nuspec is null) return;
        XDocument document;
        try { document = XDocument.Load(nuspec); }
        catch (System.Xml.XmlException) { return; }
        var groups = document.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        var group = groups.Select(g => (Group: g, Rank: FrameworkRank((string?)g.Attribute("targetFramework") ?? "")))
            .Where(g => g.Rank >= 0).OrderByDescending(g => g.Rank).Select(g => g.Group).FirstOrDefault();
        var dependencies = (group ?? document.Root)?.Descendants().Where(e => e.Name.LocalName == "dependency") ?? [];
        foreach (var dependency in dependencies)
            if ((string?)dependency.Attribute("id") is { } dependencyId)
                Add(packagesFolder, dependencyId, ((string?)dependency.Attribute("version") ?? "0").Trim('[', ']', '(', ')', ' ').Split(',')[0].Trim(), found, seen);
    }

    /// <summary>The installed versions of a package, oldest first.</summary>
    static List<string> Installed(string packagesFolder, string id)
    {
        string folder = Path.Combine(packagesFolder, id.ToLowerInvariant());
        if (!Directory.Exists(folder)) return [];
        var versions = Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().ToList();
        versions.Sort(CompareVersions);
        return versions;
    }

    /// <summary>The version of <paramref name="id"/>'s package in a feed, read from the package itself.</summary>
    static string? FeedVersion(IEnumerable<string> packages, string id)
    {
        foreach (var package in packages.Where(p => Path.GetFileName(p).StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                using var zip = ZipFile.OpenRead(package);
                var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains('/'));
                if (entry is null) continue;
                using var stream = entry.Open();
                var metadata = XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "metadata").FirstOrDefault();
                string? packageId = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value;
                if (packageId is not null && packageId.Equals(id, StringComparison.OrdinalIgnoreCase))
                    return metadata!.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value.ToLowerInvariant();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Xml.XmlException) { }
        }
        return null;
    }

    /// <summary>The lib subfolder for the newest framework this runtime can load.</summary>
    static string? BestFramework(string lib) => !Directory.Exists(lib) ? null
        : Directory.EnumerateDirectories(lib).Select(d => (Folder: d, Rank: FrameworkRank(Path.GetFileName(d)))).Where(d => d.Rank >= 0)
            .OrderByDescending(d => d.Rank).Select(d => d.Folder).FirstOrDefault();

    /// <summary>How preferable a target framework is (higher is better; negative: not loadable here).</summary>
    static int FrameworkRank(string framework)
    {
        string tfm = framework.ToLowerInvariant().TrimStart('.');
        if (tfm.StartsWith("net") && !tfm.StartsWith("netstandard") && !tfm.StartsWith("netcoreapp")
            && double.TryParse(tfm[3..].Split('-')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v >= 5)
            return v <= Environment.Version.Major ? 1000 + (int)(v * 10) : -1;
        if (tfm.StartsWith("netcoreapp")) return 500;
        if (tfm == "netstandard2.1") return 300;
        if (tfm == "netstandard2.0") return 200;
        return -1;
    }

    /// <summary>Orders versions by their numbers, a prerelease before its release.</summary>
    static int CompareVersions(string? a, string? b)
    {
        static (Version Number, string Label) Split(string? v)
        {
            string text = v ?? "0";
            int dash = text.IndexOf('-');
            string number = dash < 0 ? text : text[..dash];
            return (Version.TryParse(number.Contains('.') ? number : number + ".0", out var parsed) ? parsed : new Version(0, 0), dash < 0 ? "" : text[(dash + 1)..]);
        }
        var (x, y) = (Split(a), Split(b));
        int byNumber = x.Number.CompareTo(y.Number);
        if (byNumber != 0) return byNumber;
        if (x.Label.Length == 0 || y.Label.Length == 0) return (x.Label.Length == 0).CompareTo(y.Label.Length == 0);
        return string.CompareOrdinal(x.Label, y.Label);
    }

    /// <summary>The framework's assemblies and the kernel's (Microsoft.DotNet.Interactive), from this process's trusted platform assemblies.</summary>
    static IEnumerable<string> Platform()
    {
        string runtime = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted.Where(p => Path.GetFullPath(p).StartsWith(runtime, StringComparison.Ordinal)
                                  || Path.GetFileName(p).StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    /// <summary>One file per assembly name, the first given winning (the packages' before the platform's).</summary>
    static List<string> Deduplicated(IEnumerable<string> paths) =>
        [.. paths.Where(File.Exists).GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase).Select(g => g.First())];

    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<id>[^,""]+)(,\s*(?<version>[^""]+))?""", RegexOptions.Multiline)]
    private static partial Regex PackageLine();
}
