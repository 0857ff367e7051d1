namespace RnnNotebooks.Music;

/// <summary>What the ABC parser reads from a tune body, in written order, before repeats are expanded.</summary>
internal abstract class AbcEvent;

/// <summary>A note or rest (Pitch null) with its written length in whole notes.</summary>
internal sealed class NoteEvent(int? pitch, double length) : AbcEvent
{
    public int? Pitch { get; } = pitch;
    public double Length { get; set; } = length;
    /// <summary>A tie (-) follows: the next note of the same pitch continues this one.</summary>
    public bool TiedToNext { get; set; }
}

/// <summary>A tempo change: how many seconds a whole note lasts from here on.</summary>
internal sealed class TempoEvent(double secondsPerWholeNote) : AbcEvent
{
    public double SecondsPerWholeNote { get; } = secondsPerWholeNote;
}

/// <summary>The kinds of bar line that matter for playing: plain, and the repeat signs.</summary>
internal enum BarKind { Plain, RepeatStart, RepeatEnd, RepeatEndAndStart, Ending }

/// <summary>A bar line; for <see cref="BarKind.Ending"/>, <paramref name="ending"/> is the ending's number ([1, |2).</summary>
internal sealed class BarEvent(BarKind kind, int ending = 0) : AbcEvent
{
    public BarKind Kind { get; } = kind;
    public int Ending { get; } = ending;
}
