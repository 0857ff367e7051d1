using System.Globalization;
using RnnNotebooks.Music;

namespace RnnNotebooks.Data;

/// <summary>
/// The real data the course trains on, shipped inside the library where its licence allows, read from the
/// clone's datasets/ folder where it does not (provenance and licences: datasets/README.md). Texts for character-level language models, first names for a model that trains
/// in seconds, time series to forecast, and folk tunes in ABC notation.
/// </summary>
public static class Datasets
{
    static readonly Dictionary<string, string> TextFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["moby-dick"] = "text/moby-dick.txt",
        ["hamlet-act-1"] = "text/hamlet-act-1.txt",
        ["tom-sawyer"] = "text/tom-sawyer.txt",
    };

    static readonly Dictionary<string, (string File, string Description)> SeriesFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["airline-passengers"] = ("timeseries/airline-passengers.csv", "international airline passengers per month, in thousands (Box & Jenkins series G)"),
        ["sunspots"] = ("timeseries/sunspots.csv", "yearly sunspot activity (NOAA)"),
    };

    /// <summary>Names accepted by <see cref="Text"/>.</summary>
    public static IReadOnlyList<string> TextNames => [.. TextFiles.Keys];

    /// <summary>Names accepted by <see cref="TimeSeries"/>.</summary>
    public static IReadOnlyList<string> TimeSeriesNames => [.. SeriesFiles.Keys];

    /// <summary>
    /// A text as a <see cref="TextCorpus"/>: vocabulary, ids, train/validation split.
    /// <c>Datasets.Text("moby-dick", maxCharacters: 100_000)</c> keeps only the beginning, for fast lessons.
    /// </summary>
    /// <param name="name">One of <see cref="TextNames"/>: "moby-dick", "hamlet-act-1", "tom-sawyer".</param>
    /// <param name="validationFraction">The share held out at the end for validation.</param>
    /// <param name="maxCharacters">If given, only the first this many characters are used.</param>
    public static TextCorpus Text(string name, double validationFraction = 0.1, int? maxCharacters = null)
    {
        if (name is null || !TextFiles.TryGetValue(name, out string? file))
            throw Unknown("text dataset", name, TextNames, "Datasets.Text");
        string text = EmbeddedData.ReadText(file);
        if (maxCharacters is int max)
        {
            if (max < 2) throw new ArgumentOutOfRangeException(nameof(maxCharacters), max, "Keep at least 2 characters (or leave maxCharacters out for the whole text).");
            if (max < text.Length) text = text[..max];
        }
        return new TextCorpus(text, validationFraction, name.ToLowerInvariant());
    }

    /// <summary>A time series with its dates: "airline-passengers" (monthly, 1949–1960) or "sunspots" (yearly, 1700–2008).</summary>
    public static TimeSeriesData TimeSeries(string name)
    {
        if (name is null || !SeriesFiles.TryGetValue(name, out var source))
            throw Unknown("time series", name, TimeSeriesNames, "Datasets.TimeSeries");
        var dates = new List<DateOnly>();
        var values = new List<double>();
        foreach (string line in EmbeddedData.ReadText(source.File).Split('\n').Skip(1)) // the first line is the header
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            var date = cells[0].Trim('"').Split('-');
            dates.Add(new DateOnly(int.Parse(date[0], CultureInfo.InvariantCulture), date.Length > 1 ? int.Parse(date[1], CultureInfo.InvariantCulture) : 1, 1));
            values.Add(double.Parse(cells[1], CultureInfo.InvariantCulture));
        }
        return new TimeSeriesData(name.ToLowerInvariant(), source.Description, dates, [.. values]);
    }

    /// <summary>
    /// English first names, the female and male lists merged: 8,422 distinct names in ordinal order
    /// (a tiny corpus: a model learns to invent names in seconds).
    /// </summary>
    public static IReadOnlyList<string> Names() => EmbeddedData.Files("names")
        .Where(f => f.EndsWith(".txt", StringComparison.Ordinal))
        .SelectMany(f => EmbeddedData.ReadText(f).Split('\n'))
        .Select(n => n.Trim())
        .Where(n => n.Length > 0)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The traditional tunes of the course (6 tunes, see datasets/README.md), in ABC notation. Their files are
    /// GPL-2+, so they are not in the package: they are read from the clone's datasets/music folder (<see cref="CloneDatasets"/>).
    /// </summary>
    public static IReadOnlyList<AbcTune> Tunes() => TunesIn("music", "The folk tunes (datasets/music)").ToList();

    // Every tune of the .abc files of one datasets/ folder, in file order.
    static IEnumerable<AbcTune> TunesIn(string folder, string why) => CloneDatasets.Files(folder, why)
        .Where(f => f.EndsWith(".abc", StringComparison.Ordinal))
        .SelectMany(f => AbcFile.Split(CloneDatasets.ReadText(f)));

    static readonly Dictionary<string, (string Folder, string Description)> TuneCollections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["oneills1850"] = ("music/oneills1850", "O'Neill's Music of Ireland (1903), as encoded in the music21 corpus"),
    };

    /// <summary>Names accepted by <see cref="Tunes(string)"/>.</summary>
    public static IReadOnlyList<string> TuneCollectionNames => [.. TuneCollections.Keys];

    /// <summary>
    /// A large collection of tunes to train on: <c>Datasets.Tunes("oneills1850")</c> gives the 1,850 melodies of
    /// O'Neill's Music of Ireland (Chicago, 1903) in ABC, in the book's order. Some tunes are encoded in two files of
    /// the source (two transcriptions, or overlapping ranges); each number is kept once, from the first file.
    /// Read from the clone's datasets/ folder, like <see cref="Tunes()"/> (datasets/README.md gives the licence).
    /// </summary>
    /// <param name="collection">One of <see cref="TuneCollectionNames"/>: "oneills1850".</param>
    public static IReadOnlyList<AbcTune> Tunes(string collection)
    {
        if (collection is null || !TuneCollections.TryGetValue(collection, out var source))
            throw Unknown("tune collection", collection, TuneCollections.Keys, "Datasets.Tunes");
        var seen = new HashSet<int>();
        return TunesIn(source.Folder, $"The tune collection \"{collection}\" (datasets/{source.Folder})")
            .Where(t => t.Number is not int n || seen.Add(n))
            .OrderBy(t => t.Number ?? int.MaxValue)
            .ToList();
    }

    static ArgumentException Unknown(string kind, string? name, IEnumerable<string> available, string loader) => new(
        $"There is no {kind} named '{name}'. Available: {string.Join(", ", available.Select(n => $"\"{n}\""))} " +
        $"(e.g. {loader}(\"{available.First()}\")). " +
        $"Other data: Datasets.Text({string.Join(" | ", TextNames.Select(n => $"\"{n}\""))}), " +
        $"Datasets.TimeSeries({string.Join(" | ", TimeSeriesNames.Select(n => $"\"{n}\""))}), Datasets.Names(), Datasets.Tunes(), Datasets.Tunes({string.Join(" | ", TuneCollections.Keys.Select(n => $"\"{n}\""))}).",
        nameof(name));
}
