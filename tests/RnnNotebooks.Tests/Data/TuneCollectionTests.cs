using RnnNotebooks.Data;

namespace RnnNotebooks.Tests.Data;

/// <summary>The large tune collection (datasets/music/oneills1850, datasets/README.md): what the loader gives.</summary>
public class TuneCollectionTests
{
    static readonly Lazy<IReadOnlyList<RnnNotebooks.Music.AbcTune>> ONeills = new(() => Datasets.Tunes("oneills1850"));

    [Fact]
    public void ONeills_collection_gives_each_tune_once_in_the_books_order()
    {
        var tunes = ONeills.Value;
        Assert.Equal(1_838, tunes.Count);
        Assert.Equal(tunes.Count, tunes.Select(t => t.Number).Distinct().Count());
        Assert.Equal(tunes.Select(t => t.Number), tunes.Select(t => t.Number).Order());
        Assert.Equal("The Enchanted Valley", tunes.Single(t => t.Number == 1).Title);
        Assert.Equal("The Fox Chase", tunes[^1].Title);
        Assert.Equal(711_717, tunes.Sum(t => t.Text.Length));
    }

    [Fact]
    public void Nearly_every_tune_parses_cleanly_and_none_is_empty()
    {
        var tunes = ONeills.Value;
        Assert.DoesNotContain(tunes, t => t.Melody.IsEmpty);
        // 24 tunes have a part the parser skips, most of them chords it plays as their first note: a learner
        // training on the collection sees those reported, not hidden.
        Assert.Equal(24, tunes.Count(t => t.Melody.Problems.Count > 0));
    }

    [Fact]
    public void An_unknown_collection_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Tunes("ryans"));
        Assert.Contains("no tune collection named 'ryans'", e.Message);
        Assert.Contains("\"oneills1850\"", e.Message);
    }
}
