namespace RnnNotebooks.Music;

/// <summary>
/// Turns a <see cref="Melody"/> into sound: each note is a plucked string (<see cref="KarplusStrong"/>)
/// placed at its start time and faded out at its end; rests are silence. Pure C#, no audio library.
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
            var tone = KarplusStrong.Pluck(note.Frequency, count, sampleRate, random);
            int fade = Math.Min(count, (int)(Release * sampleRate));
            for (int n = 0; n < count; n++)
            {
                double envelope = n >= count - fade ? (count - n) / (double)fade : 1;
                samples[start + n] += tone[n] * envelope;
            }
        }
        Normalize(samples, peak: 0.8);
        return new Audio(samples, sampleRate);
    }

    static void Normalize(double[] samples, double peak)
    {
        double max = samples.Length == 0 ? 0 : samples.Max(Math.Abs);
        if (max == 0) return;
        for (int i = 0; i < samples.Length; i++) samples[i] *= peak / max;
    }
}
