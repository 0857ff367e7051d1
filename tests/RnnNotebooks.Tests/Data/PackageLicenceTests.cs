using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RnnNotebooks.Data;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Data;

/// <summary>
/// The MIT package holds no data whose licence is not MIT-compatible (datasets/README.md): the GPL-2+ tunes stay
/// in the clone, and the library still finds them there.
/// </summary>
public sealed class PackageLicenceTests
{
    /// <summary>The data folders whose files are under a licence an MIT package cannot carry.</summary>
    static readonly string[] NotMitCompatible = ["music/"];

    [Fact]
    public void The_packed_library_embeds_no_data_whose_licence_is_not_MIT_compatible()
    {
        string root = RepositoryRoot.Find();
        var library = LocalFeed.EnsureFresh(root); // dotnet pack of src/RnnNotebooks, as `run` and the kernel use it
        string package = Path.Combine(library.FeedFolder, $"RnnNotebooks.{library.Version}.nupkg");
        using var zip = ZipFile.OpenRead(package);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".abc", StringComparison.OrdinalIgnoreCase));
        // The KaTeX the lesson pages embed is MIT: its notice travels with it.
        Assert.Contains(zip.Entries, e => e.FullName == "licenses/KaTeX/LICENSE");

        var dll = zip.Entries.Single(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.Name == "RnnNotebooks.dll");
        using var bytes = new MemoryStream();
        using (var stream = dll.Open()) stream.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var metadata = pe.GetMetadataReader();
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
        Assert.Contains("datasets/text/moby-dick.txt", resources); // the MIT-compatible data is still inside
        Assert.Contains("katex/katex.min.js", resources);
        foreach (var folder in NotMitCompatible)
            Assert.DoesNotContain(resources, r => r.Replace('\\', '/').StartsWith("datasets/" + folder, StringComparison.Ordinal));
    }

    [Fact]
    public void The_tunes_are_read_from_the_clone_and_the_folder_can_be_named_explicitly()
    {
        string expected = Path.Combine(RepositoryRoot.Find(), "datasets");
        Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(CloneDatasets.Folder!));
        Assert.Equal(6, Datasets.Tunes().Count);

        string elsewhere = Path.Combine(Path.GetTempPath(), "rnn-notebooks-tests", "no-datasets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(elsewhere);
        string previous = Directory.GetCurrentDirectory();
        try
        {
            // From a folder outside the clone (a grading scratch folder), the build-time record still finds it.
            Directory.SetCurrentDirectory(elsewhere);
            Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(CloneDatasets.Folder!));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
