namespace RnnNotebooks.Classroom;

/// <summary>
/// Where a check shows its verdict. Classroom sits below Display (Display formats a
/// <see cref="CheckResult"/>), so the display plugs itself in here when the library loads
/// (Display/AutomaticRegistration: the running notebook cell, or the console); until then a verdict is
/// written to the console as text.
/// </summary>
internal static class CheckOutput
{
    internal static Action<CheckResult> Show { get; set; } = result => Console.Out.WriteLine(result.Text);

    /// <summary>Writes a record line for the grader to the cell's output (the console, which the kernel captures).</summary>
    internal static void Record(string line) => Console.Out.WriteLine(line);
}
