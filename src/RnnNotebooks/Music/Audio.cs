namespace RnnNotebooks.Music;

/// <summary>
/// Mono sound: a list of samples between −1 and 1 taken <see cref="SampleRate"/> times a second.
/// In a notebook it displays as an audio player.
/// </summary>
public sealed class Audio
{
    /// <summary>Wraps samples (values outside −1…1 are clipped when written as WAV).</summary>
    public Audio(double[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be a positive number of samples a second, e.g. 22050 or 44100 (0 would make every sound last forever).");
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The samples, between −1 and 1.</summary>
    public IReadOnlyList<double> Samples { get; }

    /// <summary>Samples per second (hertz).</summary>
    public int SampleRate { get; }

    /// <summary>Duration in seconds.</summary>
    public double Seconds => (double)Samples.Count / SampleRate;

    /// <summary>True when there is no sound at all.</summary>
    public bool IsEmpty => Samples.Count == 0;

    /// <summary>The sound as a WAV file (RIFF, 16-bit PCM, mono).</summary>
    public byte[] ToWav() => WavFile.Encode(this);

    /// <summary>The WAV file as a <c>data:audio/wav;base64,…</c> URI, for an HTML &lt;audio&gt; element.</summary>
    public string ToDataUri() => "data:audio/wav;base64," + Convert.ToBase64String(ToWav());

    public override string ToString() => $"{Seconds:0.00} s of audio at {SampleRate} Hz";
}
