using System.Text.Json;
using System.Text.Json.Serialization;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// What the index and the search need to know of one page, kept beside it as <c>NN-name.page.json</c> so that
/// running one notebook rebuilds the index with every page the site holds.
/// </summary>
/// <param name="Name">The notebook's name (its file name without extension).</param>
/// <param name="Title">Its title (first heading).</param>
/// <param name="GoalHtml">Its learning goal as HTML, or empty.</param>
/// <param name="Seconds">How long its run took.</param>
/// <param name="FailedAtCell">The code cell its run failed at, or null.</param>
/// <param name="Search">Its searchable sections.</param>
public sealed record BookPageRecord(string Name, string Title, string GoalHtml, double Seconds, int? FailedAtCell, IReadOnlyList<SearchEntry> Search)
{
    const string Extension = ".page.json";

    /// <summary>Saves the record beside the page in <paramref name="siteFolder"/>.</summary>
    public void Save(string siteFolder) => PageLayout.Save(Path.Combine(siteFolder, Name + Extension), JsonSerializer.Serialize(this, BookJson.Default.BookPageRecord));

    /// <summary>Every record in <paramref name="siteFolder"/>, in course order (by name); unreadable ones are skipped.</summary>
    public static IReadOnlyList<BookPageRecord> LoadAll(string siteFolder) =>
        Directory.GetFiles(siteFolder, "*" + Extension).Order(StringComparer.Ordinal)
            .Select(path =>
            {
                try { return JsonSerializer.Deserialize(File.ReadAllText(path), BookJson.Default.BookPageRecord); }
                catch (JsonException) { return null; }
            })
            .OfType<BookPageRecord>()
            .Where(r => File.Exists(Path.Combine(siteFolder, r.Name + ".html")))
            .ToList();
}

/// <summary>The book's JSON, generated at build time (the runner may run with reflection-based serialisation off).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BookPageRecord))]
[JsonSerializable(typeof(List<SearchEntry>))]
internal sealed partial class BookJson : JsonSerializerContext;
