namespace RnnNotebooks.Music;

/// <summary>
/// One bar as the tune writes it (before repeats are played out): how long its notes and rests last, and
/// how long the metre in force says a bar is, both in whole notes (a 6/8 bar is 0.75).
/// </summary>
/// <param name="Length">The sum of the bar's note and rest lengths.</param>
/// <param name="MetreLength">The metre's bar length (M:6/8 → 0.75, M:C → 1); null in free metre (M:none).</param>
/// <param name="EndsPart">Whether a part ends with this bar: a repeat sign, a double bar (||, |]) or the tune's end.</param>
public sealed record WrittenBar(double Length, double? MetreLength, bool EndsPart)
{
    /// <summary>Whether the bar lasts exactly what the metre says (to 1e-9 of a whole note, for triplets).</summary>
    public bool IsFull => MetreLength is double m && Math.Abs(Length - m) < 1e-9;
}
