using System.Net;
using System.Text;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// <c>artifacts/site/index.html</c>: every notebook page in the site, in name order (the course's
/// order, as notebooks are numbered), so running one notebook does not drop the others from the index.
/// Notebooks that failed in this run are marked.
/// </summary>
public static class SiteIndex
{
    /// <summary>Writes the index for the pages in <paramref name="siteFolder"/>.</summary>
    public static void Write(IReadOnlyList<NotebookOutcome> outcomes, string siteFolder)
    {
        var failedAt = outcomes.Where(o => o.Status == NotebookStatus.Failed)
            .GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.Last().Failure?.Cell);
        var pages = Directory.GetFiles(siteFolder, "*.html")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(name => name != "index").Order(StringComparer.Ordinal);

        var body = new StringBuilder("<h1>RnnNotebooks</h1>\n<p>From the perceptron to recurrent networks, BPTT and the LSTM, in C#. ")
            .Append("Each page is a notebook as executed by the runner, with its outputs and charts.</p>\n<ol>\n");
        foreach (var name in pages)
        {
            body.Append($"<li><a href=\"{Uri.EscapeDataString(name)}.html\">{WebUtility.HtmlEncode(name)}</a>");
            if (failedAt.TryGetValue(name, out var cell))
                body.Append($" <span class=\"rnn-failed\">(failed at cell {cell})</span>");
            body.Append("</li>\n");
        }
        body.Append("</ol>\n");
        PageLayout.Save(Path.Combine(siteFolder, "index.html"), PageLayout.Render("RnnNotebooks", "", body.ToString()));
    }
}
