namespace RnnNotebooks.Music;

/// <summary>
/// A single line of music as it is played: notes and rests in order, each with its pitch, length and
/// time, plus what the parser had to skip. Made by <see cref="AbcParser.Parse"/>; rendered to sound by
/// <see cref="Synthesizer.Render"/>.
/// </summary>
public sealed class Melody
{
    internal Melody(string? title, string key, IReadOnlyList<Note> notes, int bars, IReadOnlyList<AbcProblem> problems,
        IReadOnlyList<WrittenBar> writtenBars)
    {
        WrittenBars = writtenBars;
        Metre = MetreCheck.Of(writtenBars);
        Title = title ?? "Untitled";
        Key = key;
        Notes = notes;
        Bars = bars;
        Problems = problems;
    }

    /// <summary>The tune's first T: field, or "Untitled".</summary>
    public string Title { get; }

    /// <summary>The key of the K: field in force at the start ("C" when there was none).</summary>
    public string Key { get; }

    /// <summary>The notes and rests in playing order (repeats unfolded, tied notes merged).</summary>
    public IReadOnlyList<Note> Notes { get; }

    /// <summary>The bars as the tune writes them, before repeats are played out.</summary>
    public IReadOnlyList<WrittenBar> WrittenBars { get; }

    /// <summary>How many of the written bars (a pickup and each part's last bar aside) last one bar of the metre.</summary>
    public MetreCheck Metre { get; }

    /// <summary>How many bars were played (repeats counted again; a pick-up bar counts as one).</summary>
    public int Bars { get; }

    /// <summary>What was skipped and why. Empty for a clean tune.</summary>
    public IReadOnlyList<AbcProblem> Problems { get; }

    /// <summary>True when there is no pitched note to play (silence or nothing at all).</summary>
    public bool IsEmpty => !Notes.Any(n => !n.IsRest);

    /// <summary>Total length in seconds.</summary>
    public double Seconds => Notes.Count == 0 ? 0 : Notes[^1].Start + Notes[^1].Seconds;

    /// <summary>Renders the melody as a plucked-string sound (see <see cref="Synthesizer"/>).</summary>
    public Audio ToAudio(int sampleRate = Synthesizer.DefaultSampleRate) => Synthesizer.Render(this, sampleRate);

    public override string ToString() =>
        $"{Title}: {Notes.Count(n => !n.IsRest)} notes, {Bars} bars, {Seconds:0.0} s" +
        (Problems.Count > 0 ? $", {Problems.Count} part(s) skipped" : "");
}
