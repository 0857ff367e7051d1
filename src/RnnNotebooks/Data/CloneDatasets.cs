using System.Reflection;
using System.Text;

namespace RnnNotebooks.Data;

/// <summary>
/// The data files that are not in the package because their licence is not MIT-compatible (the GPL-2+ folk
/// tunes, datasets/README.md): read from the clone's <c>datasets/</c> folder. The folder is, in order, the
/// one named by <c>RNNNOTEBOOKS_DATASETS</c>, the nearest <c>datasets/</c> at or above the current folder, or
/// the one this library was built from (recorded at build time, so a notebook, an app or a grading sandbox
/// running from a folder outside the clone still finds it).
/// </summary>
public static class CloneDatasets
{
    /// <summary>The variable that names the datasets folder explicitly.</summary>
    public const string Variable = "RNNNOTEBOOKS_DATASETS";

    /// <summary>The clone's datasets folder, or null when none is found.</summary>
    public static string? Folder => Candidates().FirstOrDefault(IsDatasetsFolder);

    static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named) yield return named;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, "datasets");
        if (typeof(CloneDatasets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RnnNotebooks.DatasetsFolder")?.Value is { Length: > 0 } built)
            yield return built;
    }

    static bool IsDatasetsFolder(string folder) => File.Exists(Path.Combine(folder, "README.md")) && Directory.Exists(Path.Combine(folder, "music"));

    /// <summary>The files of datasets/<paramref name="folder"/>, relative to datasets/, in ordinal order.</summary>
    /// <exception cref="InvalidOperationException">No clone's datasets folder is found; the message says how to point to one.</exception>
    public static IReadOnlyList<string> Files(string folder, string why)
    {
        string root = Folder ?? throw new InvalidOperationException(
            $"{why} is not in the RnnNotebooks package (its licence is not MIT-compatible, see datasets/README.md) and no clone's datasets/ folder was found. " +
            $"Run from inside a clone of the RnnNotebooks repository, or set {Variable} to its datasets folder.");
        return Directory.GetFiles(Path.Combine(root, folder)).Select(f => folder + "/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The text of datasets/<paramref name="path"/> (UTF-8), with Windows line ends made \n.</summary>
    public static string ReadText(string path) =>
        File.ReadAllText(Path.Combine(Folder ?? throw new InvalidOperationException($"No clone's datasets/ folder was found for {path}; set {Variable}."), path), Encoding.UTF8)
            .Replace("\r\n", "\n");
}
