using System.Buffers.Binary;
using System.Text;
using RnnNotebooks.Data;
using RnnNotebooks.Display;
using RnnNotebooks.Music;

namespace RnnNotebooks.Tests.Music;

public class SynthesizerTests
{
    [Fact]
    public void Wav_has_a_valid_riff_header_and_the_duration_the_notes_imply()
    {
        var melody = Datasets.Tunes().Single(t => t.Title == "Smash the Windows").Melody;
        byte[] wav = melody.ToAudio().ToWav();

        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("WAVEfmt ", Encoding.ASCII.GetString(wav, 8, 8));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(20)));       // PCM
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)));       // mono
        Assert.Equal(22_050, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Assert.Equal(44_100, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(28)));  // bytes per second
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));      // bits per sample
        Assert.Equal("data", Encoding.ASCII.GetString(wav, 36, 4));
        int dataBytes = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40));
        Assert.Equal(wav.Length - 44, dataBytes);

        // 193 eighth notes at Q:1/8=400 (0.15 s each): 28.95 s.
        double seconds = dataBytes / 2.0 / 22_050;
        Assert.Equal(28.95, seconds, 4);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(220)]
    [InlineData(880)]
    public void Plucked_string_sounds_at_the_note_frequency(double frequency)
    {
        // The strongest repetition in the sound (autocorrelation peak) is one period of the note.
        const int rate = 22_050;
        var tone = KarplusStrong.Pluck(frequency, rate / 2, rate, new Random(1));
        int bestLag = 0;
        double best = double.NegativeInfinity;
        for (int lag = rate / 2000; lag <= rate / 50; lag++)
        {
            double sum = 0;
            for (int i = 2000; i < 6000; i++) sum += tone[i] * tone[i + lag];
            if (sum > best) { best = sum; bestLag = lag; }
        }
        Assert.InRange(rate / (double)bestLag, frequency * 0.98, frequency * 1.02);
    }

    [Fact]
    public void Rests_are_silent_and_notes_are_not()
    {
        var audio = AbcParser.Parse("X:1\nL:1/4\nQ:1/4=60\nK:C\nA z").ToAudio();
        Assert.Equal(2.0, audio.Seconds, 6);
        Assert.True(audio.Samples.Take(22_050).Max(Math.Abs) > 0.5);
        Assert.Equal(0, audio.Samples.Skip(22_050).Max(Math.Abs));
    }

    [Fact]
    public void Tune_formatter_shows_text_and_an_embedded_audio_player()
    {
        var tune = new AbcTune("X:1\nT:Scale <test>\nL:1/8\nK:C\nCDEF GABc|\nhjk");
        string html = TuneFormatter.ToHtml(tune);
        Assert.Contains("<audio controls", html);
        Assert.Contains("src=\"data:audio/wav;base64,UklGR", html);   // "RIFF" in base64
        Assert.Contains("Scale &lt;test&gt;", html);                    // the text is escaped
        Assert.Contains("CDEF GABc|", html);
        Assert.Contains("Skipped 1 part(s)", html);
        Assert.Contains("hjk", html[html.IndexOf("<details>")..]);
    }

    [Fact]
    public void Tune_formatter_shows_no_player_for_a_tune_with_nothing_to_play()
    {
        string html = TuneFormatter.ToHtml(new AbcTune("X:1\nT:Empty\nK:C\n"));
        Assert.DoesNotContain("<audio", html);
        Assert.Contains("nothing to play", html);
    }
}
