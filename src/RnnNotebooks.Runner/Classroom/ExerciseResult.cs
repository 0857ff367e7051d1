namespace RnnNotebooks.Runner.Classroom;

/// <summary>What one exercise of one submission earned, and why.</summary>
/// <param name="Exercise">The exercise, as the course notebook defines it.</param>
/// <param name="Points">The points its solution regions earned (each all of its points or 0).</param>
/// <param name="Message">"passed", or the first reason it scored 0.</param>
/// <param name="FailedChecks">The text of every check that showed FAIL in its checks cell.</param>
public sealed record ExerciseResult(Exercise Exercise, int Points, string Message, IReadOnlyList<string> FailedChecks)
{
    /// <summary>
    /// What the student's feedback page says: text the grader wrote itself. <see cref="Message"/> and
    /// <see cref="FailedChecks"/> may quote what the submission's own process printed (an exception's
    /// message, a check's output), which hostile code can fill with anything it can read, hidden tests
    /// included; they go to the teacher's gradebook only. Null means <see cref="Message"/> is the grader's own.
    /// </summary>
    public string? Feedback { get; init; }

    readonly IReadOnlyList<PartResult>? _parts;

    /// <summary>
    /// What each solution region earned, in the exercise cell's order. Unless set, the exercise is all or
    /// nothing: every region earned its points, or none did, with <see cref="Message"/>.
    /// </summary>
    public IReadOnlyList<PartResult> Parts
    {
        get => _parts ?? [.. Exercise.Solutions.Select(r => Points == Exercise.Points ? new PartResult(r, r.Points, Passed) : new PartResult(r, 0, Message))];
        init => _parts = value;
    }

    /// <summary>The text for the student's page.</summary>
    public string FeedbackText => Feedback ?? Message;

    /// <summary>The message of an exercise that earned its points.</summary>
    public const string Passed = "passed";
}
