using RnnNotebooks.Data;

namespace RnnNotebooks.Tests.Data;

/// <summary>The loaders read the shipped files right: known facts about each dataset.</summary>
public class DatasetsTests
{
    [Fact]
    public void Moby_dick_has_its_known_length_and_alphabet()
    {
        var corpus = Datasets.Text("moby-dick");
        Assert.StartsWith("CHAPTER 1. Loomings.", corpus.Text);
        Assert.Equal(1_190_317, corpus.Text.Length);
        Assert.Equal(83, corpus.Vocabulary.Size);
        // The typographic marks are kept as they are: they are 5 of the 83.
        foreach (char c in "\u2014\u2018\u2019\u201C\u201D") Assert.True(corpus.Vocabulary.Contains(c), $"U+{(int)c:X4} missing");
        Assert.DoesNotContain('\r', corpus.Text);
    }

    [Fact]
    public void Text_splits_into_training_beginning_and_validation_end()
    {
        var corpus = Datasets.Text("moby-dick", validationFraction: 0.1);
        Assert.Equal(corpus.Ids.Length, corpus.Train.Count + corpus.Validation.Count);
        Assert.Equal(119_032, corpus.Validation.Count); // round(1,190,317 × 0.1)
        Assert.StartsWith("CHAPTER 1.", corpus.TrainText);
        Assert.EndsWith("five thousand years ago.\n", corpus.ValidationText);
        Assert.Equal(corpus.ValidationText, corpus.Vocabulary.Decode(corpus.Validation));
    }

    [Fact]
    public void Text_can_keep_only_the_beginning()
    {
        var corpus = Datasets.Text("hamlet-act-1", validationFraction: 0.2, maxCharacters: 1000);
        Assert.Equal(1000, corpus.Text.Length);
        Assert.StartsWith("The Tragedy of Hamlet, Prince of Denmark", corpus.Text);
        Assert.Equal(800, corpus.Train.Count);
        Assert.Equal(200, corpus.Validation.Count);
    }

    [Fact]
    public void Every_text_dataset_loads()
    {
        Assert.Equal(["moby-dick", "hamlet-act-1", "tom-sawyer"], Datasets.TextNames);
        Assert.Equal(38_423, Datasets.Text("hamlet-act-1").Text.Length);   // ASCII: one character per byte
        Assert.Equal(387_851, Datasets.Text("tom-sawyer").Text.Length);
        Assert.Contains("THE ADVENTURES OF TOM SAWYER", Datasets.Text("TOM-SAWYER").Text);
    }

    [Fact]
    public void Airline_passengers_sum_to_40363_over_144_months()
    {
        var series = Datasets.TimeSeries("airline-passengers");
        Assert.Equal(144, series.Count);
        Assert.Equal(40_363, series.Values.Sum());
        Assert.Equal(112, series.Values[0]);
        Assert.Equal(432, series.Values[^1]);
        Assert.Equal(new DateOnly(1949, 1, 1), series.Dates[0]);
        Assert.Equal(new DateOnly(1960, 12, 1), series.Dates[^1]);
    }

    [Fact]
    public void Sunspots_run_yearly_from_1700_to_2008()
    {
        var series = Datasets.TimeSeries("sunspots");
        Assert.Equal(309, series.Count);
        Assert.Equal(new DateOnly(1700, 1, 1), series.Dates[0]);
        Assert.Equal(new DateOnly(2008, 1, 1), series.Dates[^1]);
        Assert.Equal(new double[] { 5, 11, 16 }, series.Values[..3]);
    }

    [Fact]
    public void Merged_name_lists_hold_8422_distinct_names()
    {
        var names = Datasets.Names();
        Assert.Equal(8_422, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("Aaren", names);  // from the female list
        Assert.Contains("Aaron", names);  // from the male list
        Assert.All(names, n => Assert.Matches("^[A-Za-z-]+$", n));
    }

    [Fact]
    public void Tunes_are_the_six_shipped_traditional_tunes()
    {
        var titles = Datasets.Tunes().Select(t => t.Title).ToList();
        Assert.Equal(["The Boys of Carrigallen", "Coleraine", "Horses Branle", "Trumpet Hornpipe", "Smash the Windows", "Oh You New York Girls"], titles);
    }

    [Fact]
    public void Unknown_text_name_lists_the_available_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Datasets.Text("shakespeare"));
        Assert.Contains("'shakespeare'", error.Message);
        foreach (string name in Datasets.TextNames) Assert.Contains($"\"{name}\"", error.Message);
    }

    [Fact]
    public void Unknown_time_series_name_lists_the_available_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Datasets.TimeSeries("co2"));
        Assert.Contains("'co2'", error.Message);
        Assert.Contains("\"airline-passengers\"", error.Message);
        Assert.Contains("\"sunspots\"", error.Message);
    }

    [Fact]
    public void Corpus_rejects_a_validation_fraction_outside_0_to_1()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TextCorpus("hello world", validationFraction: 1.5));
        Assert.Contains("validation fraction", error.Message);
    }
}
