using System.Net;
using System.Text;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// A student's feedback page: per notebook handed in, each exercise's points and the grader's own message
/// (<see cref="ExerciseResult.FeedbackText"/>), and how many checks failed. It shows no code, no hidden test
/// and nothing the submission's process printed, so it can be given to the student.
/// </summary>
public static class FeedbackPage
{
    /// <summary>Writes the page of <paramref name="student"/> to <paramref name="path"/>.</summary>
    public static void Write(string student, IReadOnlyList<NotebookGrade> grades, string path)
    {
        var body = new StringBuilder();
        body.Append($"<h1>Feedback for {Html(student)}</h1>\n")
            .Append($"<p>{grades.Sum(g => g.Points)} of {grades.Sum(g => g.MaxPoints)} points in {grades.Count} notebook{(grades.Count == 1 ? "" : "s")}. ")
            .Append("An exercise earns its points when its cells run without an error and every check gets the right answer; where it has several parts, each part earns its own when the checks of that part do.</p>\n");
        foreach (var grade in grades)
        {
            body.Append($"<h2>{Html(grade.Notebook)}: {grade.Points}/{grade.MaxPoints}</h2>\n")
                .Append("<table>\n<tr><th>Exercise</th><th>Task</th><th>Points</th><th>Result</th></tr>\n");
            foreach (var r in grade.Results)
            {
                string result = r.Points == r.Exercise.Points ? Html(r.FeedbackText) : $"<span class=\"rnn-failed\">{Html(Bounded(r.FeedbackText))}</span>";
                body.Append($"<tr><td>{r.Exercise.Label}</td><td>{Html(r.Exercise.Title)}</td><td>{r.Points}/{r.Exercise.Points}</td><td>{result}</td></tr>\n");
                // An exercise with several regions: a line per part, with its points (the messages stay the grader's own above).
                if (r.Exercise.Solutions.Count > 1)
                    foreach (var part in r.Parts)
                        body.Append($"<tr><td></td><td>part {Html(part.Label)}</td><td>{part.Points}/{part.Region.Points}</td><td>{(part.Points == part.Region.Points ? "passed" : "<span class=\"rnn-failed\">not earned</span>")}</td></tr>\n");
            }
            body.Append("</table>\n");
            // The checks' own text comes from the submission's process, so the page gives only their number.
            foreach (var r in grade.Results.Where(r => r.FailedChecks.Count > 0))
                body.Append($"<p class=\"rnn-failed\">Failed checks of exercise {r.Exercise.Label}: {r.FailedChecks.Count}.</p>\n");
        }
        PageLayout.Save(path, PageLayout.Render($"Feedback: {student}", "", body.ToString()));
    }

    static string Html(string text) => WebUtility.HtmlEncode(text);

    const int MaxMessage = 400;

    static string Bounded(string text) => text.Length <= MaxMessage ? text : text[..(MaxMessage - 1)] + "…";
}
