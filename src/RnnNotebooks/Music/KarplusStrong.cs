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
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var y = new double[count];
        // Keep the loop at least 2 samples long: higher notes than sampleRate/2.5 cannot be represented anyway.
        double period = Math.Clamp(sampleRate / frequency, 2.5, sampleRate / 20.0);
        // The two-point average delays the loop by half a sample, so the delay line is half a sample shorter.
        double delay = period - 0.5;
        int seed = Math.Min(count, (int)Math.Ceiling(delay) + 1);
        double mean = 0;
        for (int n = 0; n < seed; n++) mean += y[n] = random.NextDouble() * 2 - 1;
        for (int n = 0; n < seed; n++) y[n] -= mean / seed; // no DC offset: the string swings around rest
        // Read one period back: between samples k = n + back and k + 1, at the same fraction every time.
        int back = (int)Math.Floor(-delay);
        double frac = -delay - back;
        for (int n = seed; n < count; n++)
        {
            int k = n + back;
            double now = y[k] * (1 - frac) + y[k + 1] * frac;
            double before = y[k - 1] * (1 - frac) + y[k] * frac;
            y[n] = decay * 0.5 * (now + before);
        }
        return y;
    }
}
