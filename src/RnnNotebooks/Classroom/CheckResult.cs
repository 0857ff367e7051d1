namespace RnnNotebooks.Classroom;

/// <summary>
/// The verdict of one exercise check: PASS, or FAIL with what was wrong and a hint. It describes the
/// learner's answer (its shape, the entry that is off, by how much) and never prints the expected
/// values, so a hidden check cannot leak its answer.
/// </summary>
/// <param name="Passed">Whether the answer is right.</param>
/// <param name="What">What was checked: the code of the checked expression, e.g. <c>TanhBackward(dh, h)</c>.</param>
/// <param name="Detail">Why it failed; empty when it passed.</param>
/// <param name="Hint">The exercise author's hint, shown only with a failure.</param>
public sealed record CheckResult(bool Passed, string What, string Detail, string? Hint)
{
    /// <summary>The result as one line: <c>✓ PASS  what</c> or <c>✗ FAIL  what: detail Hint: …</c>.</summary>
    public string Text => Passed
        ? $"✓ PASS  {What}"
        : $"✗ FAIL  {What}: {Detail}" + (string.IsNullOrWhiteSpace(Hint) ? "" : $" Hint: {Hint}");

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static CheckResult Pass(string what) => new(true, what, "", null);

    internal static CheckResult Fail(string what, string detail, string? hint) => new(false, what, detail, hint);
}
