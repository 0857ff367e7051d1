using RnnNotebooks.Data;
using RnnNotebooks.Music;

namespace RnnNotebooks.Tests.Music;

/// <summary>
/// Shipped tunes parsed against counts made by hand from the ABC text (see the comments: notes are
/// pitched notes as played, repeats unfolded and tied notes merged; a pick-up counts as a bar).
/// </summary>
public class ShippedTuneTests
{
    static AbcTune Tune(string title) => Datasets.Tunes().Single(t => t.Title == title);

    [Fact]
    public void Smash_the_windows_unfolds_its_repeat()
    {
        // Line 1 "|:A|DED F2A|d2f ecA|G2B F2A|E2F GFE|DED F2A|d2f ecA|Bgf edc|d3-d2:|": a pick-up and 8 bars,
        // 1 + 5+5+4+5+5+5+6 + 1 (d3-d2 tied) = 37 notes, played twice. Line 2 "a|a2f d2f|A2a agf|g2e c2e|
        // A2g gfe|f2d g2e|a2f bag|fed edc|d3-d2a|": 9 bars, 1 + 4+5+4+5+4+5+6 + 2 = 36 notes.
        // Line 3: 8 bars, 7×6 + 1 = 43 notes and a closing rest.
        var melody = Tune("Smash the Windows").Melody;
        Assert.Empty(melody.Problems);
        Assert.Equal(2 * 37 + 36 + 43, melody.Notes.Count(n => !n.IsRest));
        Assert.Equal(1, melody.Notes.Count(n => n.IsRest));
        Assert.Equal(2 * 9 + 9 + 8, melody.Bars);
        // Eighth notes: line 1 is 1 + 7×6 + 5 = 48 (twice), line 2 1 + 8×6 = 49, line 3 8×6 = 48: 193 at Q:1/8=400 (0.15 s).
        Assert.Equal(193 * 0.15, melody.Seconds, 9);
        // K:D: F and C are sharp. "DED F2A" → D4 E4 D4 F#4 A4.
        Assert.Equal(new int?[] { 69, 62, 64, 62, 66, 69 }, melody.Notes.Take(6).Select(n => n.Pitch));
        // The tie d3-d2 is one note of 5 eighths.
        Assert.Contains(melody.Notes, n => n.Pitch == 74 && Math.Abs(n.Length - 5.0 / 8) < 1e-12);
    }

    [Fact]
    public void Horses_branle_plays_three_repeated_parts_with_a_key_change()
    {
        // Part A: 8+6+8+6 = 28 notes in 4 bars, Part B: 10+7+10+6 = 33, Part C (K:F): 9+8+9+7 = 33; each part twice.
        var melody = Tune("Horses Branle").Melody;
        Assert.Empty(melody.Problems);
        Assert.Equal(2 * (28 + 33 + 33), melody.Notes.Count(n => !n.IsRest));
        Assert.Equal(24, melody.Bars);
        Assert.Equal(24 * 8 * 30.0 / 127, melody.Seconds, 9); // 24 bars of 8 eighths at Q:1/4=127
        Assert.Equal(66, melody.Notes[8 + 3].Pitch);            // "BAGF" in G major: F#4
        var partC = melody.Notes[2 * (28 + 33)];
        Assert.Equal(70, partC.Pitch);                          // "B/2" after K:F is B flat
        Assert.Equal(1.0 / 16, partC.Length, 12);
    }

    [Fact]
    public void Trumpet_hornpipe_takes_first_and_second_endings()
    {
        // Part 1: 7 bars (57 notes) + ending 1 (8 notes), then again with ending 2 (7 notes).
        // Part 2: 7 bars (56 notes) + ending 1 (5), then again with ending 2 (3). Triplets (3GGG fill 2 eighths.
        var melody = Tune("Trumpet Hornpipe").Melody;
        Assert.Empty(melody.Problems);
        Assert.Equal(57 + 8 + 57 + 7 + 56 + 5 + 56 + 3, melody.Notes.Count(n => !n.IsRest));
        Assert.Equal(32, melody.Bars);
        Assert.Equal(256 * 30.0 / 140, melody.Seconds, 9);
        Assert.Equal(1.0 / 12, melody.Notes[0].Length, 12);     // a triplet eighth: 2/3 of 1/8
        // Ending 1 of part 1 is "d>^cd>e d>=cB>A": the = cancels the ^ earlier in the bar.
        var ending1 = melody.Notes.Skip(57).Take(8).Select(n => n.Pitch).ToArray();
        Assert.Equal(new int?[] { 74, 73, 74, 76, 74, 72, 71, 69 }, ending1);
    }

    [Fact]
    public void Coleraine_plays_the_first_voice_and_reports_the_drums()
    {
        // Each part: pick-up + 8 bars; part 1 has 1+6+5+6+5+6+5+6+1 = 41 notes, part 2 1+5+5+6+6+6+6+6+1 = 42.
        var melody = Tune("Coleraine").Melody;
        Assert.Equal(2 * 41 + 2 * 42, melody.Notes.Count(n => !n.IsRest));
        Assert.Equal(36, melody.Bars);
        Assert.Equal(4 * 48 * 30.0 / 142, melody.Seconds, 9);   // 48 eighths a part, four times, Q:1/4=142
        var problem = Assert.Single(melody.Problems);
        Assert.Contains("voice 'drum' skipped", problem.Reason);
        // Bar 22 (pick-up, 8 bars, twice, then part 2's pick-up and 3 bars) is "^GBG E^FG" in A minor: the sharp lasts the bar.
        var bar = melody.Notes.Where(n => n.Bar == 22).Select(n => n.Pitch).ToArray();
        Assert.Equal(new int?[] { 68, 71, 68, 64, 66, 68 }, bar);
    }

    [Fact]
    public void Every_shipped_tune_parses_and_renders()
    {
        foreach (var tune in Datasets.Tunes())
        {
            var melody = tune.Melody;
            Assert.False(melody.IsEmpty, tune.Title);
            Assert.True(melody.Seconds is > 10 and < 120, $"{tune.Title}: {melody.Seconds} s");
            Assert.All(melody.Notes, n => Assert.InRange(n.Pitch ?? 60, 48, 96));
        }
    }
}
