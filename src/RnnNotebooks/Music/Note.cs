namespace RnnNotebooks.Music;

/// <summary>
/// One event of a <see cref="Melody"/>: a pitch (or a rest) held for a length of time.
/// </summary>
/// <param name="Pitch">The MIDI note number (60 = middle C, 69 = the A at 440 Hz), or null for a rest.</param>
/// <param name="Length">How long, as a fraction of a whole note (1/8 = an eighth note), ties already merged.</param>
/// <param name="Start">When it starts, in seconds from the beginning of the melody.</param>
/// <param name="Seconds">How long it sounds, in seconds (its length at the tempo in force).</param>
/// <param name="Bar">The index of the bar it starts in, counting bars as played (repeats included).</param>
public readonly record struct Note(int? Pitch, double Length, double Start, double Seconds, int Bar)
{
    static readonly string[] PitchNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>Whether this is a rest (silence) rather than a pitched note.</summary>
    public bool IsRest => Pitch is null;

    /// <summary>The length in quarter-note beats (a quarter note is 1 beat, an eighth 0.5).</summary>
    public double Beats => Length * 4;

    /// <summary>The frequency in hertz in equal temperament, A4 = 440 Hz (0 for a rest).</summary>
    public double Frequency => Pitch is int p ? FrequencyOf(p) : 0;

    /// <summary>Scientific pitch name such as "C4" (middle C) or "F#5"; "rest" for a rest.</summary>
    public string Name => Pitch is int p ? $"{PitchNames[((p % 12) + 12) % 12]}{p / 12 - 1}" : "rest";

    /// <summary>The equal-temperament frequency of MIDI note <paramref name="pitch"/>: 440 · 2^((pitch − 69)/12).</summary>
    public static double FrequencyOf(int pitch) => 440.0 * Math.Pow(2, (pitch - 69) / 12.0);

    public override string ToString() => $"{Name} {Beats:0.###} beats ({Seconds:0.###} s)";
}
