namespace RnnNotebooks.Runner.Classroom;

/// <summary>The grade of one submitted notebook: a result per exercise of its course notebook.</summary>
/// <param name="Submission">The student and file.</param>
/// <param name="Notebook">The course notebook's name (file name without .ipynb).</param>
/// <param name="Results">One per exercise, in notebook order.</param>
/// <param name="Seconds">How long grading it took (copy, run, scoring).</param>
/// <param name="ExecutedCopy">The executed graded copy kept in the gradebook folder, when one was written.</param>
public sealed record NotebookGrade(Submission Submission, string Notebook, IReadOnlyList<ExerciseResult> Results, double Seconds, string? ExecutedCopy)
{
    /// <summary>Points earned.</summary>
    public int Points => Results.Sum(r => r.Points);

    /// <summary>Points available.</summary>
    public int MaxPoints => Results.Sum(r => r.Exercise.Points);
}
