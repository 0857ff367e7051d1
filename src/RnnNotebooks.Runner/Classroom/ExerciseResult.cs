namespace RnnNotebooks.Runner.Classroom;

/// <summary>What one exercise of one submission earned, and why.</summary>
/// <param name="Exercise">The exercise, as the course notebook defines it.</param>
/// <param name="Points">All of the exercise's points, or 0.</param>
/// <param name="Message">"passed", or the first reason it scored 0.</param>
/// <param name="FailedChecks">The text of every check that showed FAIL in its checks cell.</param>
public sealed record ExerciseResult(Exercise Exercise, int Points, string Message, IReadOnlyList<string> FailedChecks)
{
    /// <summary>The message of an exercise that earned its points.</summary>
    public const string Passed = "passed";
}
