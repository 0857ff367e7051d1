using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

// Compiled into the library and, as shared source, into the runner (which must not reference the library:
// its notebook processes load the library's package): one renderer for the site and the apps' pages.
#if RNNNOTEBOOKS_RUNNER
namespace RnnNotebooks.Runner.Lesson;
#else
namespace RnnNotebooks.Display.Pages;
#endif

/// <summary>
/// Markdown cells to HTML with Markdig. Maths is left as elements with class <c>math</c> holding the
/// TeX source, which KaTeX typesets in the page: <c>$...$</c> inline, and <c>$$...$$</c> in display
/// style whether it stands in its own block or inside a paragraph (as Jupyter renders it).
/// </summary>
public static class MarkdownRendering
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <summary>
    /// <c>$$...$$</c> that opens mid-line and spans lines: Markdig's inline maths stops at a line end,
    /// so such an equation would stay raw. Jupyter typesets it, so it becomes a display block here.
    /// </summary>
    static readonly Regex MultiLineDisplayMath = new(@"\$\$(?![ \t]*\r?\n)(?<tex>[^$]*?\n[^$]*?)\$\$", RegexOptions.Compiled);

    /// <summary>The HTML for one markdown text.</summary>
    public static string ToHtml(string markdown)
    {
        markdown = MultiLineDisplayMath.Replace(markdown, m => "\n\n$$\n" + m.Groups["tex"].Value.Trim() + "\n$$\n\n");
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathInline());
        renderer.Render(Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Inline maths; <c>$$...$$</c> inside a paragraph is marked for display style.</summary>
    sealed class DisplayAwareMathInline : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            renderer.Write(math.DelimiterCount > 1 ? "<span class=\"math math-display\">" : "<span class=\"math\">");
            renderer.WriteEscape(ref math.Content);
            renderer.Write("</span>");
        }
    }
}
