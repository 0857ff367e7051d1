using System.Net;
using System.Text;
using System.Text.RegularExpressions;

// Compiled into the library and, as shared source, into the runner (which must not reference the library:
// its notebook processes load the library's package): one renderer for the site and the apps' pages.
#if RNNNOTEBOOKS_RUNNER
namespace RnnNotebooks.Runner.Lesson;
#else
namespace RnnNotebooks.Display.Pages;
#endif

/// <summary>
/// The one renderer of a lesson as an HTML page, shared by the course's site (the runner's book) and the
/// apps' pages (<see cref="OutputPage"/>): markdown cells with their maths typeset by KaTeX, code cells
/// numbered <c>In [n]</c> with their outputs, charts drawn by the one copy of plotly.js in the head and
/// fitted to the page's width, tunes drawn as sheet music by the one copy of abcjs in the head. Everything is
/// inline: nothing is loaded from the network.
/// </summary>
public static partial class LessonPage
{
    /// <summary>The lesson's look: readable prose width, code and outputs set apart.</summary>
    public const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.55; color: #1f2328;
               max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
        a { color: #0b62c4; }
        pre { background: #f6f8fa; padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; font-size: .88rem; }
        .rnn-cell { margin: 1.2rem 0; }
        .rnn-code { border-left: 3px solid #5b8def; }
        .rnn-prompt, .rnn-cell-label { color: #888; font-family: monospace; font-size: .8rem; }
        .rnn-output { margin: .4rem 0 0 0; overflow-x: auto; }
        .rnn-stream { background: #fff; border: 1px solid #eee; }
        .rnn-stderr { background: #fff5f5; }
        .rnn-error { background: #ffebe9; color: #82071e; border-left: 3px solid #cf222e; }
        .rnn-failed { color: #cf222e; font-weight: 600; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .25rem .6rem; }
        .math-display, div.math { display: block; overflow-x: auto; overflow-y: hidden; }
        .katex-display { overflow-x: auto; overflow-y: hidden; }
        .rnn-solution { margin: .4rem 0; border: 1px dashed #9aa4b2; border-radius: 6px; padding: .3rem .7rem; }
        .rnn-solution > summary { cursor: pointer; color: #0b62c4; font-weight: 600; }
        .rnn-chart { max-width: 100%; }
        .rnn-sheet-music { max-width: 100%; }
        .rnn-next-exercise { margin: 1.5rem 0; padding: .8rem 1rem; border: 2px solid #bf8700; border-radius: 6px; background: #fff8c5; }
        """;

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

    /// <summary>
    /// Draws every chart at the width of the page's column (charts are built for a fixed size), with a height
    /// kept between 300 px and two thirds of the width, redrawn when the window is resized. On a narrow page
    /// the legend moves above the plot so it does not squeeze it.
    /// </summary>
    public const string FitChartsScript = """
        (function () {
          if (typeof Plotly === "undefined") return;
          function fit(id, layout) {
            var el = typeof id === "string" ? document.getElementById(id) : id;
            if (!el || !el.classList || !el.classList.contains("rnn-chart")) return layout;
            var column = el.closest(".rnn-output") || el.parentElement;
            var width = Math.max(280, Math.floor(column.clientWidth) - 2);
            var height = Math.round(Math.min(Math.max(layout && layout.height ? layout.height : 420, 300), width * 2 / 3));
            el.style.width = "100%"; el.style.maxWidth = "100%"; el.style.height = height + "px";
            var fitted = Object.assign({}, layout, { width: width, height: height, autosize: false });
            // plotly.js's default top margin (100 px) leaves the toolbar floating far above an untitled plot.
            if (!layout || !layout.margin) fitted.margin = { l: 60, r: 20, t: layout && layout.title ? 50 : 30, b: 50 };
            if (width < 640) fitted.legend = Object.assign({}, layout && layout.legend, { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" });
            return fitted;
          }
          ["newPlot", "react"].forEach(function (name) {
            var draw = Plotly[name];
            Plotly[name] = function (id, data, layout, config) {
              return draw.call(Plotly, id, data, fit(id, layout || {}), config);
            };
          });
          var pending;
          window.addEventListener("resize", function () {
            clearTimeout(pending);
            pending = setTimeout(function () {
              document.querySelectorAll(".rnn-chart").forEach(function (el) {
                if (!el.layout) return;
                var size = fit(el, el.layout);
                Plotly.relayout(el, { width: size.width, height: size.height });
              });
            }, 150);
          });
        })();
        """;

    /// <summary>
    /// What a page with <paramref name="body"/> needs in its head: KaTeX and the script that typesets the
    /// maths; when the body draws a chart, plotly.js once and the script that fits charts to the page; when it
    /// draws sheet music, abcjs once.
    /// </summary>
    public static string Head(string body)
    {
        var head = new StringBuilder();
        head.Append("<style>\n").Append(PageAssets.KatexStyle).Append("\n</style>\n")
            .Append("<script type=\"text/javascript\">\n").Append(PageAssets.KatexScript).Append("\n</script>\n")
            .Append("<script type=\"text/javascript\">\n").Append(TypesetMathsScript).Append("</script>\n");
        if (DrawsCharts(body))
            head.Append(PageAssets.PlotlyScriptElement).Append('\n')
                .Append("<script type=\"text/javascript\">\n").Append(FitChartsScript).Append("\n</script>\n");
        if (DrawsSheetMusic(body)) head.Append(PageAssets.AbcjsScriptElement).Append('\n');
        return head.ToString();
    }

    /// <summary>
    /// A complete page: <paramref name="head"/> is added inside &lt;head&gt; after the lesson's style (so a
    /// page can add its own rules), <paramref name="body"/> as it is.
    /// </summary>
    public static string Render(string title, string head, string body, string? bodyClass = null)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n")
            .Append(head)
            .Append("</head>\n")
            .Append(bodyClass is null ? "<body>\n" : $"<body class=\"{WebUtility.HtmlEncode(bodyClass)}\">\n")
            .Append(body)
            .Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// One markdown cell, its headings anchored and collected in <paramref name="sections"/>. Returns the
    /// cell's HTML and its text split at its headings (for a search index).
    /// </summary>
    public static (string Html, IReadOnlyList<(PageSection? Section, string Html)> Parts) MarkdownCell(string markdown, PageSections sections)
    {
        var parts = sections.Anchor(MarkdownRendering.ToHtml(markdown), out string anchored);
        return ($"<div class=\"rnn-cell rnn-markdown\">\n{anchored}</div>\n", parts);
    }

    /// <summary>
    /// Code cell <paramref name="number"/> (counting code cells from 1, as the runner numbers them) with its
    /// outputs (HTML), and, when <paramref name="solution"/> is given, that solution and its outputs folded
    /// away behind a closed "Show a solution" control.
    /// </summary>
    public static string CodeCell(int number, string prompt, string code, IEnumerable<string> outputs,
        string? solution = null, IEnumerable<string>? solutionOutputs = null)
    {
        var cell = new StringBuilder();
        cell.Append("<div class=\"rnn-cell\" id=\"cell-").Append(number).Append("\">\n");
        if (prompt.Length > 0) cell.Append("<div class=\"rnn-prompt\">").Append(WebUtility.HtmlEncode(prompt)).Append("</div>\n");
        // A cell without code (outputs a program made outside any cell) shows its outputs only.
        if (code.Length > 0) cell.Append(CodeBlock(code));
        AppendOutputs(cell, outputs);
        if (solution is not null)
        {
            // Collapsed: the learner opens it only after trying.
            cell.Append("<details class=\"rnn-solution\">\n<summary>Show a solution</summary>\n").Append(CodeBlock(solution));
            AppendOutputs(cell, solutionOutputs ?? []);
            cell.Append("</details>\n");
        }
        return cell.Append("</div>\n").ToString();
    }

    /// <summary>The prompt of code cell <paramref name="number"/>, as Jupyter shows it.</summary>
    public static string Prompt(int? number) => number is { } n ? $"In [{n}]:" : "In [ ]:";

    /// <summary><paramref name="html"/> without the copies of plotly.js and abcjs outputs carry (the page has one of each in its head).</summary>
    public static string WithoutScriptCopies(string html) => ScriptCopy().Replace(html, "");

    /// <summary>Whether <paramref name="html"/> draws a chart, and so needs plotly.js.</summary>
    public static bool DrawsCharts(string html) => ChartMarker().IsMatch(html);

    /// <summary>Whether <paramref name="html"/> draws sheet music, and so needs abcjs.</summary>
    public static bool DrawsSheetMusic(string html) => html.Contains("class=\"rnn-sheet-music\"", StringComparison.Ordinal);

    static string CodeBlock(string code) =>
        $"<pre class=\"rnn-code\"><code class=\"language-csharp\">{WebUtility.HtmlEncode(code)}</code></pre>\n";

    static void AppendOutputs(StringBuilder cell, IEnumerable<string> outputs)
    {
        foreach (var output in outputs.Where(o => o.Length > 0))
            cell.Append("<div class=\"rnn-output\">\n").Append(WithoutScriptCopies(output)).Append("\n</div>\n");
    }

    /// <summary>A copy of plotly.js or abcjs emitted inside an output.</summary>
    [GeneratedRegex("""<script\b[^>]*\bdata-(plotlyjs|abcjs)\b[^>]*>.*?</script\s*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptCopy();

    /// <summary>An output that draws a chart.</summary>
    [GeneratedRegex("""Plotly\.(newPlot|react)|class="rnn-chart""")]
    private static partial Regex ChartMarker();
}
