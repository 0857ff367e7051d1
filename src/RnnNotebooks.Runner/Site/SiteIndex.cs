using System.Net;
using System.Text;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary><c>artifacts/site/index.html</c>: the course's notebooks in order, each linked to its page.</summary>
public static class SiteIndex
{
    /// <summary>Writes the index for the notebooks of one run.</summary>
    public static void Write(IReadOnlyList<NotebookOutcome> outcomes, string siteFolder)
    {
        var body = new StringBuilder("<h1>RnnNotebooks</h1>\n<p>From the perceptron to recurrent networks, BPTT and the LSTM, in C#. ")
            .Append("Each page is a notebook as executed by the runner, with its outputs and charts.</p>\n<ol>\n");
        foreach (var o in outcomes.Where(o => o.ExecutedPath is not null))
        {
            string name = WebUtility.HtmlEncode(o.Name);
            body.Append($"<li><a href=\"{Uri.EscapeDataString(o.Name)}.html\">{name}</a>");
            if (o.Status != NotebookStatus.Succeeded)
                body.Append($" <span class=\"rnn-failed\">(failed at cell {o.Failure?.Cell})</span>");
            body.Append("</li>\n");
        }
        body.Append("</ol>\n");
        PageLayout.Save(Path.Combine(siteFolder, "index.html"), PageLayout.Render("RnnNotebooks", "", body.ToString()));
    }
}
