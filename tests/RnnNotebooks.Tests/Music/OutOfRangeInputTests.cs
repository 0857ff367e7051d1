using RnnNotebooks.Music;

namespace RnnNotebooks.Tests.Music;

/// <summary>Inputs outside what sound or ABC can mean: each is refused or reported in the learner's terms.</summary>
public class OutOfRangeInputTests
{
    [Theory]
    [InlineData(0.0, "positive pitch in Hz")]
    [InlineData(-440.0, "positive pitch in Hz")]
    [InlineData(double.NaN, "positive pitch in Hz")]
    [InlineData(11025.0, "Nyquist frequency of 11025 Hz")]
    [InlineData(20000.0, "Lower the note or raise the sample rate")]
    public void Plucking_a_pitch_sampled_sound_cannot_hold_names_the_problem_and_the_fix(double frequency, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KarplusStrong.Pluck(frequency, 100, 22050, new Random(1)));
        Assert.Equal("frequency", e.ParamName);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_negative_count_of_samples_says_how_to_count_them()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KarplusStrong.Pluck(440, -1, 22050, new Random(1)));
        Assert.Contains("d × sampleRate samples", e.Message);
    }

    [Fact]
    public void A_sample_rate_of_zero_is_refused_for_plucks_and_for_audio()
    {
        var pluck = Assert.Throws<ArgumentOutOfRangeException>(() => KarplusStrong.Pluck(440, 10, 0, new Random(1)));
        Assert.Contains("e.g. 22050 or 44100", pluck.Message);
        var audio = Assert.Throws<ArgumentOutOfRangeException>(() => new Audio([0.0, 0.1], 0));
        Assert.Equal("sampleRate", audio.ParamName);
        Assert.Contains("positive number of samples a second", audio.Message);
    }

    [Fact]
    public void A_pitch_just_below_nyquist_still_plucks()
    {
        var y = KarplusStrong.Pluck(11000, 200, 22050, new Random(1));
        Assert.Contains(y, v => v != 0);
    }

    [Theory]
    [InlineData("^^^^^^^^^^C", "is not an ABC accidental")]
    [InlineData("^_C", "is not an ABC accidental")]
    public void An_absurd_accidental_is_reported_and_the_note_still_plays(string note, string reason)
    {
        var melody = AbcParser.Parse("X:1\nL:1/8\nK:C\n" + note + " D");
        Assert.Contains(melody.Problems, p => p.Reason.Contains(reason) && p.Text == note[..^1]);
        Assert.Equal(2, melody.Notes.Count(n => !n.IsRest));
    }

    [Fact]
    public void Legal_accidentals_report_nothing()
    {
        var melody = AbcParser.Parse("X:1\nL:1/8\nK:C\n^C ^^D _E __F =G");
        Assert.Empty(melody.Problems);
    }

    [Fact]
    public void A_near_zero_note_length_is_reported_and_played_at_a_64th_of_the_unit()
    {
        var melody = AbcParser.Parse("X:1\nL:1/8\nK:C\nC/////////////////// D");
        var problem = Assert.Single(melody.Problems);
        Assert.Contains("too short to hear; used 1/64", problem.Reason);
        Assert.Equal(1.0 / 8 / 64, melody.Notes[0].Length, 12);
    }
}
