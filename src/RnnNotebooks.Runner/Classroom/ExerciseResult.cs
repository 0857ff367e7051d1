namespace RnnNotebooks.Runner.Classroom;

/// <summary>What one exercise of one submission earned, and why.</summary>
/// <param name="Exercise">The exercise, as the course notebook defines it.</param>
/// <param name="Points">All of the exercise's points, or 0.</param>
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

    /// <summary>The text for the student's page.</summary>
    public string FeedbackText => Feedback ?? Message;

    /// <summary>The message of an exercise that earned its points.</summary>
    public const string Passed = "passed";
}
