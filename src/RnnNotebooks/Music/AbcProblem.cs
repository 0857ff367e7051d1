namespace RnnNotebooks.Music;

/// <summary>
/// A part of an ABC text the parser could not play and skipped: where it is, what it was, and why.
/// Half-trained networks write plenty of these; they are reported, never thrown.
/// </summary>
/// <param name="Line">1-based line in the tune's text (0 when the problem concerns the whole tune).</param>
/// <param name="Column">1-based column (0 when the problem concerns a whole line or the tune).</param>
/// <param name="Text">The text that was skipped.</param>
/// <param name="Reason">Why it was skipped, in plain words.</param>
public sealed record AbcProblem(int Line, int Column, string Text, string Reason)
{
    public override string ToString() => Line == 0
        ? Reason
        : $"line {Line}{(Column > 0 ? $", column {Column}" : "")}: {(Text.Length > 0 ? $"'{Text}' " : "")}{Reason}";
}
