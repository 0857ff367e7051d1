using System.Text;
using RnnNotebooks.Data;
using RnnNotebooks.Music;

namespace RnnNotebooks.Tests.Music;

/// <summary>
/// What a half-trained network writes: random ABC-like text and tunes cut off anywhere. Every one must
/// give audio, or an empty melody with a report; never an exception.
/// </summary>
public class AbcRobustnessTests
{
    // Characters a character-level model trained on ABC would produce, weighted toward music.
    const string Alphabet = "ABCDEFGabcdefgz,'^_=/23468|:[]()<>-\"{}!+%&xyZXKLMQTV \n.~HP#;@$*0159\\";

    [Fact]
    public void Random_abc_text_always_plays_or_reports()
    {
        var random = new Random(2024);
        int played = 0, empty = 0;
        for (int trial = 0; trial < 600; trial++)
        {
            var text = new StringBuilder();
            if (random.Next(2) == 0) text.Append("X:1\nT:Sample\nM:6/8\nL:1/8\nK:").Append(random.Next(3) switch { 0 => "D", 1 => "Ador", _ => "Zq" }).Append('\n');
            int length = random.Next(0, 80);
            for (int i = 0; i < length; i++)
            {
                // Sometimes a header-like line, sometimes long digit runs: the shapes sampled text takes.
                int pick = random.Next(60);
                if (pick == 0) text.Append("\n").Append("XTMLKQV"[random.Next(7)]).Append(':');
                else if (pick == 1) text.Append(new string((char)('0' + random.Next(10)), random.Next(1, 9)));
                else text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            if (AssertPlaysOrReports(text.ToString())) played++; else empty++;
        }
        // Both outcomes occur, so both branches of the property were exercised.
        Assert.True(played > 100 && empty > 50, $"{played} played, {empty} empty");
    }

    [Fact]
    public void Truncated_shipped_tunes_always_play_or_report()
    {
        foreach (var tune in Datasets.Tunes())
        {
            string text = tune.Text;
            for (int cut = 0; cut <= text.Length; cut += Math.Max(1, text.Length / 6))
                AssertPlaysOrReports(text[..cut]);
        }
    }

    [Fact]
    public void Null_and_empty_text_report_that_there_is_nothing_to_play()
    {
        foreach (string? text in new[] { null, "", "   ", "\n\n" })
        {
            var melody = AbcParser.Parse(text);
            Assert.True(melody.IsEmpty);
            Assert.NotEmpty(melody.Problems);
        }
    }

    /// <summary>Checks the property for one text; true when it played, false when it was empty.</summary>
    static bool AssertPlaysOrReports(string text)
    {
        var melody = AbcParser.Parse(text); // must not throw
        var audio = melody.ToAudio(sampleRate: 8000);
        if (melody.IsEmpty)
        {
            Assert.NotEmpty(melody.Problems);
            foreach (double s in audio.Samples)
                if (s != 0) Assert.Fail($"a melody with no notes made sound: {text}");
        }
        else
        {
            Assert.False(audio.IsEmpty, text);
            Assert.InRange(audio.Seconds, melody.Seconds - 1.0 / 8000, melody.Seconds + 1.0 / 8000);
            foreach (double s in audio.Samples)
                if (!(double.IsFinite(s) && Math.Abs(s) <= 1)) Assert.Fail($"sample {s} for: {text}");
        }
        Assert.InRange(melody.Seconds, 0, AbcParser.MaxSeconds);
        return !melody.IsEmpty;
    }
}
