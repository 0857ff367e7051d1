using RnnNotebooks.Data;
using RnnNotebooks.Music;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Music;

/// <summary>Written bars and the metre check: what a generated tune must get right to "scan".</summary>
public class MetreCheckTests(ITestOutputHelper output)
{
    static Melody Parse(string body, string metre = "6/8") => AbcParser.Parse($"X:1\nM:{metre}\nL:1/8\nK:D\n{body}");

    [Fact]
    public void A_pickup_and_the_parts_last_bars_are_not_checked()
    {
        // A pickup of one eighth, two full bars, one an eighth short, a short last bar before the repeat; then a
        // second part with its own pickup.
        var melody = Parse("A|DED F2A|d2f ecA|B2G A2|E3 D2:|\n|:f|g2e f2d|e2c d3|]");
        Assert.Equal([0.125, 0.75, 0.75, 0.625, 0.625, 0.125, 0.75, 0.75], melody.WrittenBars.Select(b => b.Length));
        Assert.Equal([false, false, false, false, true, false, false, true], melody.WrittenBars.Select(b => b.EndsPart));
        // Checked: DED F2A, d2f ecA, B2G A2 (short: the one miss) and g2e f2d.
        Assert.Equal(new MetreCheck(Checked: 4, Full: 3), melody.Metre);
        Assert.Equal("3 of 4 bars in the metre (75%)", melody.Metre.ToString());
    }

    [Fact]
    public void Triplets_broken_rhythm_and_ties_count_their_real_lengths()
    {
        var melody = Parse("(3ABc d2 e>f g2|g4-g2 a2|B2 z2 c2||", metre: "C");
        Assert.Equal([1.0, 1.0, 0.75], melody.WrittenBars.Select(b => b.Length), new ToleranceComparer(1e-12));
        Assert.True(melody.WrittenBars[0].IsFull && melody.WrittenBars[1].IsFull);
        Assert.Equal(new MetreCheck(2, 2), melody.Metre);
    }

    [Fact]
    public void Free_metre_checks_nothing()
    {
        var melody = Parse("ABc|def|", metre: "none");
        Assert.All(melody.WrittenBars, b => Assert.Null(b.MetreLength));
        Assert.Equal(0, melody.Metre.Checked);
        Assert.Equal(0, melody.Metre.Fraction);
    }

    [Fact]
    public void The_tunes_of_ONeills_collection_keep_their_metre()
    {
        var checks = Datasets.Tunes("oneills1850").Select(t => t.Melody.Metre).ToList();
        int all = checks.Sum(c => c.Checked), full = checks.Sum(c => c.Full);
        output.WriteLine($"{full} of {all} bars full ({100.0 * full / all:F2}%); tunes with every checked bar full: {checks.Count(c => c.Full == c.Checked)} of {checks.Count}");
        // Human transcriptions nearly always scan (98.9%), so the check measures what it says; the other 1.1% are
        // bars that do not add up as the parser reads them. The counts are pinned to catch a change in the parser.
        Assert.Equal((28_596, 28_284), (all, full));
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
