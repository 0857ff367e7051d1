using System.Reflection;
using System.Text;

namespace RnnNotebooks.Data;

/// <summary>
/// The files of the repository's datasets/ folder, embedded in this assembly at build time, so the same
/// loader works in a notebook (via the NuGet package), a test or a console program, with no path to find.
/// </summary>
internal static class EmbeddedData
{
    static readonly Assembly Library = typeof(EmbeddedData).Assembly;

    // Resource names are "datasets/<folder>/<file>"; MSBuild on Windows writes the folder with '\'.
    static readonly Dictionary<string, string> Resources = Library.GetManifestResourceNames()
        .Where(n => n.StartsWith("datasets", StringComparison.Ordinal))
        .ToDictionary(n => n.Replace('\\', '/'), n => n, StringComparer.Ordinal);

    /// <summary>The embedded paths (relative to datasets/) under <paramref name="folder"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string folder) => Resources.Keys
        .Where(k => k.StartsWith($"datasets/{folder}/", StringComparison.Ordinal))
        .Select(k => k["datasets/".Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The bytes of datasets/<paramref name="path"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        using var stream = Open(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The text of datasets/<paramref name="path"/> (UTF-8), with Windows line ends made \n.</summary>
    public static string ReadText(string path)
    {
        using var reader = new StreamReader(Open(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }

    static Stream Open(string path)
    {
        if (!Resources.TryGetValue($"datasets/{path}", out string? name))
            throw new InvalidOperationException(
                $"The data file datasets/{path} is not embedded in {Library.GetName().Name}. " +
                "Rebuild the library from a checkout that has the datasets/ folder (see datasets/README.md).");
        return Library.GetManifestResourceStream(name)!;
    }
}
