using System.Net;
using System.Text;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// A student's feedback page: per notebook handed in, each exercise's points and message, and the
/// text of the checks that failed. It shows no code and no hidden test, so it can be given to the student.
/// </summary>
public static class FeedbackPage
{
    /// <summary>Writes the page of <paramref name="student"/> to <paramref name="path"/>.</summary>
    public static void Write(string student, IReadOnlyList<NotebookGrade> grades, string path)
    {
        var body = new StringBuilder();
        body.Append($"<h1>Feedback for {Html(student)}</h1>\n")
            .Append($"<p>{grades.Sum(g => g.Points)} of {grades.Sum(g => g.MaxPoints)} points in {grades.Count} notebook{(grades.Count == 1 ? "" : "s")}. ")
            .Append("An exercise earns its points when its cell and its checks cell run without an error and no check fails.</p>\n");
        foreach (var grade in grades)
        {
            body.Append($"<h2>{Html(grade.Notebook)}: {grade.Points}/{grade.MaxPoints}</h2>\n")
                .Append("<table>\n<tr><th>Exercise</th><th>Task</th><th>Points</th><th>Result</th></tr>\n");
            foreach (var r in grade.Results)
            {
                string result = r.Points == r.Exercise.Points ? Html(r.Message) : $"<span class=\"rnn-failed\">{Html(r.Message)}</span>";
                body.Append($"<tr><td>{r.Exercise.Label}</td><td>{Html(r.Exercise.Title)}</td><td>{r.Points}/{r.Exercise.Points}</td><td>{result}</td></tr>\n");
            }
            body.Append("</table>\n");
            foreach (var r in grade.Results.Where(r => r.FailedChecks.Count > 0))
            {
                body.Append($"<p>Failed checks of exercise {r.Exercise.Label}:</p>\n<ul>\n");
                foreach (var check in r.FailedChecks) body.Append($"<li class=\"rnn-failed\">{Html(check)}</li>\n");
                body.Append("</ul>\n");
            }
        }
        PageLayout.Save(path, PageLayout.Render($"Feedback: {student}", "", body.ToString()));
    }

    static string Html(string text) => WebUtility.HtmlEncode(text);
}
