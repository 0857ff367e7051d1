namespace RnnNotebooks.Music;

/// <summary>
/// The Karplus–Strong plucked string (1983): fill a delay line one period long with noise, then keep
/// replaying it through a gentle averaging filter. The averaging removes high frequencies a little on
/// every trip, exactly as a real string loses its brightness, and the period sets the pitch.
/// </summary>
public static class KarplusStrong
{
    /// <summary>
    /// <paramref name="count"/> samples of a string plucked at <paramref name="frequency"/> Hz.
    /// <paramref name="decay"/> (just under 1) sets how long it rings.
    /// </summary>
    public static double[] Pluck(double frequency, int count, int sampleRate, Random random, double decay = 0.996)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "The number of samples cannot be negative: for a note of d seconds ask for d × sampleRate samples.");
        var y = new double[count];
        Pluck(frequency, y, sampleRate, random, decay);
        return y;
    }

    /// <summary>Writes a plucked string into <paramref name="y"/> (every sample is overwritten).</summary>
    public static void Pluck(double frequency, Span<double> y, int sampleRate, Random random, double decay = 0.996)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be a positive number of samples a second, e.g. 22050 or 44100.");
        if (!(frequency > 0) || !double.IsFinite(frequency))
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A plucked string needs a positive pitch in Hz (A4 is 440 Hz); 0 Hz or less has no period to replay.");
        if (frequency >= sampleRate / 2.0)
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency,
                $"{frequency} Hz is at or above the Nyquist frequency of {sampleRate / 2.0} Hz (half the sample rate {sampleRate}): sampled sound cannot hold it. Lower the note or raise the sample rate.");
        if (!(decay > 0 && decay <= 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay must be in (0, 1]: just under 1 (0.996) rings for about a second; 1 never fades.");
        y.Clear();
        // Keep the loop at least 2 samples long: higher notes than sampleRate/2.5 cannot be represented anyway.
        double period = Math.Clamp(sampleRate / frequency, 2.5, sampleRate / 20.0);
        // The two-point average delays the loop by half a sample, so the delay line is half a sample shorter.
        double delay = period - 0.5;
        int seed = Math.Min(y.Length, (int)Math.Ceiling(delay) + 1);
        double mean = 0;
        for (int n = 0; n < seed; n++) mean += y[n] = random.NextDouble() * 2 - 1;
        for (int n = 0; n < seed; n++) y[n] -= mean / seed; // no DC offset: the string swings around rest

        // Read one period back: between samples k = n + back and k + 1, at the same fraction every time.
        int back = (int)Math.Floor(-delay);
        double frac = -delay - back;
        int lastSound = seed;
        for (int n = seed; n < y.Length && n - lastSound <= period + 2; n++)
        {
            int k = n + back;
            double now = y[k] * (1 - frac) + y[k + 1] * frac;
            double before = y[k - 1] * (1 - frac) + y[k] * frac;
            double value = decay * 0.5 * (now + before);
            // Below 1e-5 the string is inaudible (under half a step of 16-bit audio): it falls silent, and
            // once a whole period is silent it stays so and the loop stops (the rest of y is already 0).
            if (Math.Abs(value) >= 1e-5) { y[n] = value; lastSound = n; }
        }
    }
}
