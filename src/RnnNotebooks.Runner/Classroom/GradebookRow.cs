namespace RnnNotebooks.Runner.Classroom;

/// <summary>One line of the gradebook: what one exercise of one student's notebook earned.</summary>
/// <param name="Student">The student's folder name.</param>
/// <param name="Notebook">The course notebook's name (e.g. 04-backpropagation-through-time).</param>
/// <param name="Exercise">"N.M".</param>
/// <param name="Points">Points earned: the sum of its parts' (each region all of its points or 0).</param>
/// <param name="MaxPoints">Points available.</param>
/// <param name="Message">"passed", or why it scored 0.</param>
public sealed record GradebookRow(string Student, string Notebook, string Exercise, int Points, int MaxPoints, string Message)
{
    /// <summary>What each solution region earned, for an exercise with several (empty for one with a single region).</summary>
    public IReadOnlyList<PartResult> Parts { get; init; } = [];

    /// <summary>The parts as one CSV field: <c>loss 0/2; perplexity 1/1</c> (empty for a single region).</summary>
    public string PartsText => string.Join("; ", Parts.Select(p => $"{p.Label} {p.Points}/{p.Region.Points}"));
}
