// Shared with the grader, as CheckValue.cs is.
#if RNN_GRADER
namespace RnnNotebooks.Runner.Classroom;
#else
namespace RnnNotebooks.Classroom;
#endif

/// <summary>
/// One check as a line of output (README, "Classroom", threat model). When a notebook is graded, the
/// submission's process writes an <em>answer</em> line per check (the learner's value, nothing else), and a
/// run of the course notebook alone writes an <em>expected</em> line per check (the rule, the tolerance, the
/// expected value, whether the course's own solution passed). The grader reads both after the processes
/// are gone and compares them itself, so an answer line is the only thing a submission contributes.
/// </summary>
/// <param name="Rule"><see cref="Close"/>, <see cref="Equal"/> or <see cref="Gradient"/>.</param>
/// <param name="Tolerance">The tolerance of a close or gradient check.</param>
/// <param name="What">The checked expression's code.</param>
/// <param name="Hint">The exercise author's hint.</param>
/// <param name="Value">The answer, or the expected value.</param>
/// <param name="Passed">In an expected line: whether the course's own solution passed.</param>
/// <param name="Part">
/// The solution regions the check covers (<c>part: "loss"</c>, or several as <c>"loss, perplexity"</c>); null: every
/// region of its exercise. The grader reads it from the expected line only.
/// </param>
internal sealed record CheckRecord(string Rule, double Tolerance, string What, string? Hint, CheckValue Value, bool? Passed = null, string? Part = null)
{
    public const string Close = "close", Equal = "equal", Gradient = "gradient";

    /// <summary>Starts the line of a learner's answer.</summary>
    public const string AnswerMarker = "@@rnn-check-answer ";

    /// <summary>Starts the line of an expected value.</summary>
    public const string ExpectedMarker = "@@rnn-check-expected ";

    /// <summary>The record as one line after <paramref name="marker"/>.</summary>
    public string ToLine(string marker) => marker + CheckValue.Serialize(this);

    /// <summary>
    /// The records of <paramref name="marker"/>'s kind in a cell's output, in order; a line that carries the
    /// marker but no readable record gives null (its check counts as not answered).
    /// </summary>
    public static IReadOnlyList<CheckRecord?> Read(string output, string marker)
    {
        var records = new List<CheckRecord?>();
        foreach (var line in output.Split('\n'))
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            var record = CheckValue.Deserialize<CheckRecord>(line[(at + marker.Length)..].TrimEnd('\r'));
            records.Add(record is { Rule: not null, What: not null, Value.Form: not null } ? record : null);
        }
        return records;
    }
}
