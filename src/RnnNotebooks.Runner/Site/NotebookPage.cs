using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// One executed notebook as a self-contained HTML page: markdown rendered with its maths typeset by
/// KaTeX, code cells with their outputs (HTML as HTML, text escaped, errors visible), and charts drawn
/// by plotly.js inlined once in the head (CONTRACTS.md item 3: per-output copies are removed).
/// Nothing is loaded from the network.
/// </summary>
public static partial class NotebookPage
{
    /// <summary>Typesets every maths element Markdig left in the page, once the document has loaded.</summary>
    const string TypesetMaths = """
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll(".math").forEach(function (el) {
            var display = el.tagName === "DIV" || el.classList.contains("math-display");
            var tex = el.textContent.trim().replace(/^\\[\(\[]/, "").replace(/\\[\)\]]$/, "");
            katex.render(tex, el, { displayMode: display, throwOnError: false });
          });
        });
        """;

    /// <summary>Writes the page for <paramref name="notebook"/> to <paramref name="path"/>.</summary>
    public static void Write(NotebookDocument notebook, string path) => PageLayout.Save(path, Render(notebook));

    /// <summary>The page's HTML.</summary>
    public static string Render(NotebookDocument notebook)
    {
        var body = new StringBuilder();
        body.Append("<p><a href=\"index.html\">All notebooks</a></p>\n");
        int codeCell = 0;
        foreach (var cell in notebook.Cells)
        {
            string source = NotebookDocument.SourceOf(cell);
            switch ((string?)cell["cell_type"])
            {
                case "markdown":
                    body.Append("<div class=\"rnn-cell rnn-markdown\">\n").Append(MarkdownRendering.ToHtml(source)).Append("</div>\n");
                    break;
                case "code":
                    codeCell++;
                    AppendCodeCell(body, cell, source, codeCell);
                    break;
            }
        }

        string html = body.ToString();
        bool hasCharts = ChartMarker().IsMatch(html);
        var head = new StringBuilder();
        head.Append("<style>\n").Append(PageAssets.KatexStyle).Append("\n</style>\n")
            .Append("<script type=\"text/javascript\">\n").Append(PageAssets.KatexScript).Append("\n</script>\n")
            .Append("<script type=\"text/javascript\">\n").Append(TypesetMaths).Append("</script>\n");
        if (hasCharts)
            head.Append($"<script type=\"text/javascript\" data-plotlyjs=\"{PageAssets.PlotlyVersion}\">\n")
                .Append(PageAssets.PlotlyScript).Append("\n</script>\n");
        return PageLayout.Render(notebook.Title, head.ToString(), html);
    }

    static void AppendCodeCell(StringBuilder body, JsonObject cell, string source, int number)
    {
        string prompt = cell["execution_count"] is JsonValue count ? $"In [{count}]:" : "In [ ]:";
        body.Append("<div class=\"rnn-cell\">\n<div class=\"rnn-prompt\">").Append(prompt).Append("</div>\n")
            .Append("<pre class=\"rnn-code\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(source)).Append("</code></pre>\n");
        if (cell["outputs"] is JsonArray outputs)
            foreach (var output in outputs.OfType<JsonObject>())
                body.Append("<div class=\"rnn-output\">\n").Append(RenderOutput(output)).Append("\n</div>\n");
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

    /// <summary>A copy of plotly.js emitted inside an output (CONTRACTS.md item 3).</summary>
    [GeneratedRegex("""<script\b[^>]*\bdata-plotlyjs\b[^>]*>.*?</script\s*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PlotlyCopy();

    /// <summary>An output that draws a chart and so needs plotly.js.</summary>
    [GeneratedRegex("""Plotly\.(newPlot|react)|class="rnn-chart""")]
    private static partial Regex ChartMarker();
}
