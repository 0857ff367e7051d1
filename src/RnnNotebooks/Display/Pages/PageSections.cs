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

/// <summary>One heading of a page: its level (1–3), its text and the anchor it was given.</summary>
public sealed record PageSection(int Level, string Title, string Anchor);

/// <summary>
/// The headings of one page, collected as its markdown cells are rendered: each gets an anchor unique in the
/// page (from its text, as GitHub and Jupyter make them), for the contents list and the search index.
/// </summary>
public sealed partial class PageSections
{
    readonly List<PageSection> _sections = [];
    readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    /// <summary>Every heading so far, in page order.</summary>
    public IReadOnlyList<PageSection> All => _sections;

    /// <summary>The last heading so far, or null before the first.</summary>
    public PageSection? Current => _sections.Count > 0 ? _sections[^1] : null;

    /// <summary>
    /// <paramref name="html"/> with an id on each h1–h3, split at them: the text before the first heading,
    /// then each heading's section. Each part names the section it belongs to (null before any heading).
    /// </summary>
    public IReadOnlyList<(PageSection? Section, string Html)> Anchor(string html, out string anchored)
    {
        var parts = new List<(PageSection?, string)>();
        var output = new StringBuilder();
        int at = 0;
        PageSection? section = Current;
        foreach (Match m in Heading().Matches(html))
        {
            parts.Add((section, html[at..m.Index]));
            output.Append(html, at, m.Index - at);
            string title = PlainText.Of(m.Groups["inner"].Value);
            section = new PageSection(int.Parse(m.Groups["level"].Value), title, UniqueAnchor(title));
            _sections.Add(section);
            output.Append($"<h{section.Level} id=\"{section.Anchor}\">{m.Groups["inner"].Value}</h{section.Level}>");
            at = m.Index + m.Length;
        }
        parts.Add((section, html[at..]));
        output.Append(html, at, html.Length - at);
        anchored = output.ToString();
        return parts;
    }

    string UniqueAnchor(string title)
    {
        string slug = Slug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0) slug = "section";
        string anchor = slug;
        for (int n = 2; !_anchors.Add(anchor); n++) anchor = $"{slug}-{n}";
        return anchor;
    }

    /// <summary>The contents list: the h2 and h3 headings (the h1 is the page's title), as nested links.</summary>
    public string ContentsHtml()
    {
        var list = new StringBuilder("<ul class=\"rnn-contents\">\n");
        foreach (var s in _sections.Where(s => s.Level is 2 or 3))
            list.Append($"<li class=\"rnn-contents-h{s.Level}\"><a href=\"#{s.Anchor}\">{WebUtility.HtmlEncode(s.Title)}</a></li>\n");
        return list.Append("</ul>\n").ToString();
    }

    [GeneratedRegex("<h(?<level>[1-3])>(?<inner>.*?)</h\\k<level>>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("[^\\p{L}\\p{Nd}]+")]
    private static partial Regex Slug();
}
