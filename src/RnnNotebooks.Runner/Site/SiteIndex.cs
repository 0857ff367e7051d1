using System.Globalization;
using System.Net;
using System.Text;
using RnnNotebooks.Runner.Lesson;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// <c>index.html</c>: the book's contents. Every page the site folder holds, in course order (notebooks are
/// numbered), with its title, learning goal and how long its run took, so running one notebook does not drop
/// the others. Notebooks whose last run failed are marked.
/// </summary>
public static class SiteIndex
{
    /// <summary>Writes the index of <paramref name="pages"/> into <paramref name="siteFolder"/>.</summary>
    public static void Write(IReadOnlyList<BookPageRecord> pages, string siteFolder, SiteEdition edition)
    {
        var body = new StringBuilder(PageLayout.TopBar(edition))
            .Append("<h1>RnnNotebooks</h1>\n<p>From the perceptron to recurrent networks, BPTT, the LSTM and their applications, in C#. ")
            .Append("Each chapter is a notebook as executed by the runner, with its outputs and charts. ")
            .Append(edition == SiteEdition.Learner
                ? "The exercises' solutions are folded away: try each one first, then open \"Show a solution\".</p>\n"
                : "This is the teacher's edition: solutions and hidden tests are shown.</p>\n")
            .Append("<ol class=\"rnn-index\">\n");
        foreach (var page in pages)
        {
            body.Append($"<li><a class=\"rnn-index-title\" href=\"{Uri.EscapeDataString(page.Name)}.html\">{WebUtility.HtmlEncode(page.Title)}</a>");
            if (page.FailedAtCell is { } cell)
                body.Append($" <span class=\"rnn-failed\">(failed at cell {cell})</span>");
            body.Append(string.Create(CultureInfo.InvariantCulture, $" <span class=\"rnn-time\">· ran in {page.Seconds:0} s</span>"));
            if (page.GoalHtml.Length > 0) body.Append("<div class=\"rnn-goal\">").Append(page.GoalHtml).Append("</div>");
            body.Append("</li>\n");
        }
        body.Append("</ol>\n").Append(PageLayout.SearchScripts);
        string html = body.ToString();
        PageLayout.Save(Path.Combine(siteFolder, "index.html"), PageLayout.Render("RnnNotebooks", LessonPage.Head(html), html));
    }
}
