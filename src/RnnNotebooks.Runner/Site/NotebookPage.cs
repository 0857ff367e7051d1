using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// One executed notebook as a self-contained HTML page: markdown rendered with its maths typeset by
/// KaTeX, code cells with their outputs (HTML as HTML, text escaped, errors visible), and charts drawn
/// by plotly.js inlined once in the head (per-output copies are removed).
/// Nothing is loaded from the network.
/// </summary>
public static partial class NotebookPage
{
    /// <summary>Typesets every maths element Markdig left in the page, once the document has loaded.</summary>
    public const string TypesetMathsScript = """
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll(".math").forEach(function (el) {
            var display = el.tagName === "DIV" || el.classList.contains("math-display");
            var tex = el.textContent.trim().replace(/^\\[\(\[]/, "").replace(/\\[\)\]]$/, "");
            katex.render(tex, el, { displayMode: display, throwOnError: false });
          });
        });
        """;

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
                    var parts = sections.Anchor(MarkdownRendering.ToHtml(source), out string anchored);
                    foreach (var (section, part) in parts)
                        AddSearch(search, pageFile, notebook.Title, section, PlainText.Of(part));
                    body.Append("<div class=\"rnn-cell rnn-markdown\">\n").Append(anchored).Append("</div>\n");
                    break;
                case "code":
                    codeCell++;
                    var outputs = (cell["outputs"] as JsonArray)?.OfType<JsonObject>().Where(o => !IsPackageChatter(o)).ToList() ?? [];
                    var view = LearnerCells.View(cell, source, outputs, exercises);
                    AppendCodeCell(body, cell, view, codeCell);
                    break;
            }
        }

        string html = body.ToString();
        bool hasCharts = ChartMarker().IsMatch(html);
        var head = new StringBuilder();
        head.Append("<style>\n").Append(PageAssets.KatexStyle).Append("\n</style>\n")
            .Append("<script type=\"text/javascript\">\n").Append(PageAssets.KatexScript).Append("\n</script>\n")
            .Append("<script type=\"text/javascript\">\n").Append(TypesetMathsScript).Append("</script>\n");
        if (hasCharts)
            head.Append($"<script type=\"text/javascript\" data-plotlyjs=\"{PageAssets.PlotlyVersion}\">\n")
                .Append(PageAssets.PlotlyScript).Append("\n</script>\n")
                .Append("<script type=\"text/javascript\">\n").Append(BookScripts.FitCharts).Append("\n</script>\n");
        return (PageLayout.RenderBookPage(notebook.Title, head.ToString(), html, navigation, sections, edition), search);
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

    static void AppendCodeCell(StringBuilder body, JsonObject cell, LearnerCells.CellView view, int number)
    {
        string prompt = cell["execution_count"] is JsonValue count ? $"In [{count}]:" : "In [ ]:";
        body.Append("<div class=\"rnn-cell\" id=\"cell-").Append(number).Append("\">\n<div class=\"rnn-prompt\">").Append(prompt).Append("</div>\n")
            .Append("<pre class=\"rnn-code\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(view.Code)).Append("</code></pre>\n");
        foreach (var output in view.Outputs)
            body.Append("<div class=\"rnn-output\">\n").Append(RenderOutput(output)).Append("\n</div>\n");
        if (view.Solution is { } solution)
        {
            // Collapsed, and kept out of the search index: the learner opens it only after trying.
            body.Append("<details class=\"rnn-solution\">\n<summary>Show a solution</summary>\n")
                .Append("<pre class=\"rnn-code\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(solution)).Append("</code></pre>\n");
            foreach (var output in view.SolutionOutputs)
                body.Append("<div class=\"rnn-output\">\n").Append(RenderOutput(output)).Append("\n</div>\n");
            body.Append("</details>\n");
        }
        body.Append("</div>\n");
    }

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
        if (data["text/html"] is { } html) return PlotlyCopy().Replace(Text(html), "");
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

    /// <summary>A copy of plotly.js emitted inside an output.</summary>
    [GeneratedRegex("""<script\b[^>]*\bdata-plotlyjs\b[^>]*>.*?</script\s*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PlotlyCopy();

    /// <summary>An output that draws a chart and so needs plotly.js.</summary>
    [GeneratedRegex("""Plotly\.(newPlot|react)|class="rnn-chart""")]
    private static partial Regex ChartMarker();
}
