namespace RnnNotebooks.Music;

/// <summary>
/// Turns a <see cref="Melody"/> into sound: each note is a plucked string (<see cref="KarplusStrong"/>)
/// written at its start time and faded out at its end; rests are silence. Pure C#, no audio library.
/// </summary>
public static class Synthesizer
{
    /// <summary>22.05 kHz: plenty for a melody, and half the size of CD audio in a notebook.</summary>
    public const int DefaultSampleRate = 22_050;

    /// <summary>The fade at the end of each note, in seconds, so notes do not click when cut.</summary>
    const double Release = 0.01;

    /// <summary>Renders <paramref name="melody"/>. An empty melody gives empty audio (its problems say why).</summary>
    public static Audio Render(Melody melody, int sampleRate = DefaultSampleRate)
    {
        ArgumentNullException.ThrowIfNull(melody);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        var samples = new double[(int)Math.Round(melody.Seconds * sampleRate)];
        var random = new Random(1983); // the same melody always sounds the same
        foreach (var note in melody.Notes)
        {
            if (note.Pitch is null) continue;
            int start = (int)Math.Round(note.Start * sampleRate);
            int count = Math.Min((int)Math.Round((note.Start + note.Seconds) * sampleRate), samples.Length) - start;
            if (count <= 0) continue;
            // Notes follow one another without overlapping, so each is written straight into its slot.
            var tone = samples.AsSpan(start, count);
            KarplusStrong.Pluck(note.Frequency, tone, sampleRate, random);
            int fade = Math.Min(count, (int)(Release * sampleRate));
            for (int n = count - fade; n < count; n++) tone[n] *= (count - n) / (double)fade;
        }
        Normalize(samples, peak: 0.8);
        return new Audio(samples, sampleRate);
    }

    static void Normalize(double[] samples, double peak)
    {
        double max = 0;
        foreach (double s in samples) max = Math.Max(max, Math.Abs(s));
        if (max == 0) return;
        for (int i = 0; i < samples.Length; i++) samples[i] *= peak / max;
    }
}
