using System.Globalization;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>
/// Each notebook of the course teaches one fact its seeded run must show. These tests read the
/// lines the notebooks print (their executed copies) and hold each notebook to its fact
/// (notebook 10's are in <see cref="ImageCaptioningNotebookTests"/>).
/// </summary>
[Collection(CourseCollection.Name)]
public sealed class CourseFactsTests(CourseRunFixture course)
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The groups of the first stdout line that matches <paramref name="pattern"/>.</summary>
    GroupCollection Line(string name, string pattern)
    {
        var lines = course.StandardOutputLines(name);
        var match = lines.Select(l => Regex.Match(l, pattern)).FirstOrDefault(m => m.Success);
        Assert.True(match is not null, $"{name} printed no line matching /{pattern}/. It printed:\n{string.Join('\n', lines)}");
        return match!.Groups;
    }

    static double Number(Group g) => double.Parse(g.Value, NumberStyles.Float, Invariant);

    [Fact]
    public void Notebook_04_gradient_check_of_the_hand_written_BPTT_passes()
    {
        Line("04-backpropagation-through-time", @"^Gradient check: PASS");
    }

    [Fact]
    public void Notebook_04_on_Tom_Sawyer_reaches_2_nats_held_out_and_a_sample_of_mostly_real_words()
    {
        const string name = "04-backpropagation-through-time";
        double loss = Number(Line(name, @"^Tom Sawyer, held-out loss: ([0-9.]+) nats/char")[1]);
        Assert.True(loss <= 2.0, $"the held-out loss on Tom Sawyer is {loss} nats/char: issue 20 asks for at most 2.0");
        double share = Number(Line(name, @"^Tom Sawyer, final sample: \d+ of \d+ distinct words occur in the training text \(([0-9.]+) %\)")[1]);
        Assert.True(share >= 50, $"{share} % of the final sample's distinct words are the book's: issue 20 asks for at least 50 %");
    }

    [Fact]
    public void Notebook_05_dL_dh1_for_spectral_radius_half_and_one_and_a_half_differ_by_orders_of_magnitude()
    {
        var g = Line("05-vanishing-and-exploding-gradients",
            @"^dL/dh_1 norm: radius 0\.5 -> ([0-9.eE+-]+), radius 1(?:\.0)? -> ([0-9.eE+-]+), radius 1\.5 -> ([0-9.eE+-]+)");
        double small = Number(g[1]), large = Number(g[3]);
        Assert.True(large / small > 1e3, $"radius 0.5 gave {small:E2} and radius 1.5 gave {large:E2}: expected at least three orders of magnitude apart");
    }

    [Fact]
    public void Notebook_06_LSTM_beats_the_plain_RNN_on_long_range_recall()
    {
        var g = Line("06-lstm", @"^Long-range recall at T=(\d+): RNN ([0-9.]+)%, LSTM ([0-9.]+)%, GRU ([0-9.]+)%");
        double rnn = Number(g[2]), lstm = Number(g[3]);
        Assert.True(lstm >= rnn + 30, $"at T={g[1].Value} the LSTM recalled {lstm}% and the RNN {rnn}%: expected the LSTM at least 30 points ahead");
    }

    [Fact]
    public void Notebook_07_reaches_its_stated_held_out_perplexity_and_beats_the_unigram_model()
    {
        const string name = "07-language-model";
        double perplexity = Number(Line(name, @"^Validation perplexity: ([0-9.]+)")[1]);
        double unigram = Number(Line(name, @"^Unigram perplexity: ([0-9.]+)")[1]);
        Assert.True(perplexity < 0.75 * unigram, $"validation perplexity {perplexity} against the unigram model's {unigram}: expected at least 25% lower");
    }

    [Fact]
    public void Notebook_07_on_all_of_Moby_Dick_reaches_1_65_nats_held_out_and_a_sample_of_three_quarters_real_words()
    {
        const string name = "07-language-model";
        double perplexity = Number(Line(name, @"^Validation perplexity: ([0-9.]+)")[1]);
        Assert.True(perplexity <= 5.2 && Math.Log(perplexity) <= 1.65,
            $"validation perplexity {perplexity} ({Math.Log(perplexity):F3} nats/char): issue 20 asks for at most 5.2 (1.65 nats/char)");
        double share = Number(Line(name, @"^600 characters at temperature 0\.7: \d+ of \d+ distinct words occur in the training text \(([0-9.]+) %\)")[1]);
        Assert.True(share >= 75, $"{share} % of the 600-character sample's distinct words are the book's: issue 20 asks for at least 75 %");
    }

    [Fact]
    public void Notebook_08_generates_a_tune_with_a_key_and_16_notes_that_parses_with_nothing_skipped()
    {
        var g = Line("08-music-generation", @"^Generated tune: (\d+) notes, K: (\S+), skipped: (\d+)");
        Assert.True(int.Parse(g[1].Value, Invariant) >= 16, $"the generated tune has {g[1].Value} notes; expected at least 16");
        Assert.Equal("0", g[3].Value);
    }

    [Fact]
    public void Notebook_08_jigs_generated_after_training_on_O_Neills_keep_the_metre_and_parse()
    {
        var g = Line("08-music-generation", @"^Eight generated jigs: (\d+) of (\d+) checked bars in 6/8 \(([0-9.]+)%\); (\d+) of (\d+) parse with no problem$");
        int full = int.Parse(g[1].Value, Invariant), bars = int.Parse(g[2].Value, Invariant);
        Assert.True(full >= 0.8 * bars, $"{full} of {bars} checked bars of the generated jigs are in the metre: issue 20 asks for at least 80%");
        Assert.True(int.Parse(g[5].Value, Invariant) >= 5, $"only {g[5].Value} tunes were generated: issue 20 asks for at least five");
        Assert.Equal(g[5].Value, g[4].Value);
    }

    [Fact]
    public void Notebook_09_model_beats_the_seasonal_naive_baseline()
    {
        var g = Line("09-time-series-forecasting", @"^Test RMSE: model ([0-9.]+), seasonal naive ([0-9.]+)");
        Assert.True(Number(g[1]) < Number(g[2]), $"model RMSE {g[1].Value} is not below the seasonal-naive {g[2].Value}");
    }

    [Fact]
    public void Every_notebook_runs_within_its_time_budget()
    {
        // The course promises under 60 s a notebook and 5 minutes in all on a 2-core machine; the
        // runner's own summary is the benchmark. Here the bound is loose (shared CI machines vary),
        // but a notebook that trains ten times too long still fails.
        Assert.All(course.Outcomes, o => Assert.True(o.Seconds < 120, $"{o.Name} took {o.Seconds:F0} s"));
        double total = course.Outcomes.Sum(o => o.Seconds);
        Assert.True(total < 600, $"the course took {total:F0} s in all");
    }
}
