namespace RnnNotebooks.Runner.Classroom;

/// <summary>One line of the gradebook: what one exercise of one student's notebook earned.</summary>
/// <param name="Student">The student's folder name.</param>
/// <param name="Notebook">The course notebook's name (e.g. 04-backpropagation-through-time).</param>
/// <param name="Exercise">"N.M".</param>
/// <param name="Points">Points earned: all of them or 0.</param>
/// <param name="MaxPoints">Points available.</param>
/// <param name="Message">"passed", or why it scored 0.</param>
public sealed record GradebookRow(string Student, string Notebook, string Exercise, int Points, int MaxPoints, string Message);
