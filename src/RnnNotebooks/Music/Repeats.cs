namespace RnnNotebooks.Music;

/// <summary>
/// Unfolds repeat signs into the order the music is played: <c>|: … :|</c> plays twice; in the second
/// time through, a first ending (<c>[1</c> or <c>|1</c>) is skipped up to its <c>:|</c> and the second
/// ending follows. A <c>:|</c> with no <c>|:</c> before it repeats from the start (or from the last
/// repeat end).
/// </summary>
internal static class Repeats
{
    /// <summary>Enough for any real tune; stops a pathological text from growing without bound.</summary>
    const int MaxPlayedEvents = 200_000;

    public static List<AbcEvent> Unfold(IReadOnlyList<AbcEvent> written)
    {
        var played = new List<AbcEvent>(written.Count * 2);
        int replayFrom = 0;      // first event to play again at the next repeat end
        bool secondTime = false; // inside the second pass of a repeated section
        for (int i = 0; i < written.Count && played.Count < MaxPlayedEvents; i++)
        {
            if (written[i] is not BarEvent bar)
            {
                played.Add(written[i]);
                continue;
            }
            switch (bar.Kind)
            {
                case BarKind.RepeatStart:
                    played.Add(bar);
                    if (!secondTime) replayFrom = i + 1;
                    break;
                case BarKind.RepeatEnd or BarKind.RepeatEndAndStart:
                    played.Add(bar);
                    if (!secondTime) { secondTime = true; i = replayFrom - 1; }
                    else { secondTime = false; replayFrom = i + 1; }
                    break;
                case BarKind.Ending when secondTime && bar.Ending == 1:
                    int end = IndexOfRepeatEnd(written, i + 1);
                    if (end < 0) { played.Add(bar); break; } // an ending with no repeat sign after it: just play on
                    played.Add(new BarEvent(BarKind.Plain));
                    secondTime = false;
                    replayFrom = end + 1;
                    i = end;
                    break;
                default:
                    played.Add(bar);
                    break;
            }
        }
        return played;
    }

    static int IndexOfRepeatEnd(IReadOnlyList<AbcEvent> events, int from)
    {
        for (int j = from; j < events.Count; j++)
            if (events[j] is BarEvent { Kind: BarKind.RepeatEnd or BarKind.RepeatEndAndStart }) return j;
        return -1;
    }
}
