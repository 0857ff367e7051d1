using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Lesson;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// One executed notebook as a page of the book, drawn by the lesson renderer the apps' pages share
/// (<see cref="LessonPage"/>): markdown with its maths typeset, code cells numbered as the runner ran them
/// with their outputs (nbformat outputs turned into HTML here: text escaped, errors visible), charts drawn by
/// plotly.js inlined once in the head. Nothing is loaded from the network.
/// </summary>
public static class NotebookPage
{
    /// <summary>Writes the page for <paramref name="notebook"/> to <paramref name="path"/>, on its own (no book around it).</summary>
    public static void Write(NotebookDocument notebook, string path) => PageLayout.Save(path, Render(notebook));

    /// <summary>The page's HTML, on its own (no book around it), in the learner's edition.</summary>
    public static string Render(NotebookDocument notebook) => Render(notebook, BookNavigation.None, SiteEdition.Learner).Html;

    /// <summary>The page's HTML in <paramref name="edition"/>, with the book's navigation, and its searchable sections.</summary>
    public static (string Html, IReadOnlyList<SearchEntry> Search) Render(NotebookDocument notebook, BookNavigation navigation, SiteEdition edition)
    {
        var body = new StringBuilder();
        var sections = new PageSections();
        var search = new List<SearchEntry>();
        string pageFile = notebook.Name + ".html";
        var exercises = edition == SiteEdition.Learner ? LearnerCells.ExercisesByCell(notebook) : new Dictionary<string, Classroom.Exercise>();
        int codeCell = 0;
        foreach (var cell in notebook.Cells)
        {
            string source = NotebookDocument.SourceOf(cell);
            switch ((string?)cell["cell_type"])
            {
                case "markdown":
                    var (markdownHtml, parts) = LessonPage.MarkdownCell(source, sections);
                    foreach (var (section, part) in parts)
                        AddSearch(search, pageFile, notebook.Title, section, PlainText.Of(part));
                    body.Append(markdownHtml);
                    break;
                case "code":
                    codeCell++;
                    var outputs = (cell["outputs"] as JsonArray)?.OfType<JsonObject>().Where(o => !IsPackageChatter(o)).ToList() ?? [];
                    var view = LearnerCells.View(cell, source, outputs, exercises);
                    // The solution is kept out of the search index: only markdown cells are searched.
                    body.Append(LessonPage.CodeCell(codeCell, LessonPage.Prompt(ExecutionCount(cell)), view.Code, view.Outputs.Select(RenderOutput),
                        view.Solution, view.SolutionOutputs.Select(RenderOutput)));
                    break;
            }
        }

        string html = body.ToString();
        return (PageLayout.RenderBookPage(notebook.Title, LessonPage.Head(html), html, navigation, sections, edition), search);
    }

    static void AddSearch(List<SearchEntry> search, string page, string pageTitle, PageSection? section, string text)
    {
        string anchor = section?.Anchor ?? "";
        if (search.Count > 0 && search[^1].Anchor == anchor)
            search[^1] = search[^1] with { Text = (search[^1].Text + " " + text).Trim() };
        else
            search.Add(new SearchEntry(page, pageTitle, section?.Title ?? pageTitle, anchor, text));
    }

    /// <summary>The kernel's "Installed Packages" list after a <c>#r "nuget: …"</c> cell: noise on a page.</summary>
    static bool IsPackageChatter(JsonObject output) =>
        output["data"]?["text/html"] is { } html && Text(html).Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal);

    static int? ExecutionCount(JsonObject cell) =>
        cell["execution_count"] is JsonValue count && count.TryGetValue(out int n) ? n : null;

    /// <summary>One nbformat output as HTML.</summary>
    public static string RenderOutput(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                string name = (string?)output["name"] ?? "stdout";
                return $"<pre class=\"rnn-stream rnn-{WebUtility.HtmlEncode(name)}\">{WebUtility.HtmlEncode(Text(output["text"]))}</pre>";
            case "error":
                string error = $"{(string?)output["ename"]}: {(string?)output["evalue"]}";
                return $"<pre class=\"rnn-error\">{WebUtility.HtmlEncode(error)}</pre>";
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                return RenderData(data);
            default:
                return "";
        }
    }

    static string RenderData(JsonObject data)
    {
        if (data["text/html"] is { } html) return LessonPage.WithoutScriptCopies(Text(html));
        if (data["image/svg+xml"] is { } svg) return Text(svg);
        if (data["image/png"] is { } png) return $"<img alt=\"\" src=\"data:image/png;base64,{Text(png).Trim()}\">";
        if (data["image/jpeg"] is { } jpeg) return $"<img alt=\"\" src=\"data:image/jpeg;base64,{Text(jpeg).Trim()}\">";
        if (data["text/markdown"] is { } markdown) return MarkdownRendering.ToHtml(Text(markdown));
        if (data["text/plain"] is { } plain) return $"<pre>{WebUtility.HtmlEncode(Text(plain))}</pre>";
        return "";
    }

    /// <summary>nbformat's multi-line string (a string or a list of lines) as one string.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v when v.TryGetValue(out string? s) => s,
        null => "",
        _ => node.ToJsonString(),
    };
}
