using System.Net;
using System.Text;
using RnnNotebooks.Runner.Lesson;

namespace RnnNotebooks.Runner.Site;

/// <summary>The book around the lessons: its style, its top bar, its pager and contents, its pages saved to disk.</summary>
public static class PageLayout
{
    /// <summary>The book's look, added to the lesson's (Display.Pages.LessonPage.Style): top bar, pager, contents, index.</summary>
    const string BookStyle = """
        body.rnn-book-page { max-width: 78rem; }
        .rnn-top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .6rem; }
        .rnn-brand { font-weight: 700; text-decoration: none; color: #1f2328; }
        .rnn-edition { color: #666; font-size: .85rem; }
        .rnn-search-box { position: relative; margin-left: auto; }
        #rnn-search { font: inherit; padding: .3rem .6rem; width: 18rem; max-width: 70vw; border: 1px solid #ccc; border-radius: 6px; }
        #rnn-search-results { position: absolute; right: 0; z-index: 10; width: 30rem; max-width: 90vw; max-height: 70vh; overflow-y: auto;
               background: #fff; border: 1px solid #ccc; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.12);
               list-style: none; margin: .3rem 0 0; padding: .4rem; font-size: .88rem; }
        #rnn-search-results li { padding: .35rem .4rem; border-bottom: 1px solid #f0f0f0; }
        .rnn-pager { display: flex; justify-content: space-between; gap: 1rem; margin: .8rem 0; font-size: .92rem; }
        .rnn-pager .rnn-next { text-align: right; }
        .rnn-book { display: block; }
        .rnn-side { font-size: .88rem; border: 1px solid #eee; border-radius: 6px; padding: .2rem .9rem; margin: 1rem 0; }
        .rnn-side-title { font-weight: 600; margin: .6rem 0 .2rem; }
        .rnn-contents, .rnn-downloads { list-style: none; padding: 0; margin: 0; }
        .rnn-contents li { margin: .2rem 0; }
        .rnn-contents-h3 { padding-left: 1rem; font-size: .84rem; }
        .rnn-main { min-width: 0; }
        @media (min-width: 70rem) {
          .rnn-book { display: grid; grid-template-columns: minmax(0, 1fr) 15rem; gap: 2.5rem; }
          .rnn-side { order: 2; position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; border: none; border-left: 1px solid #eee; border-radius: 0; }
        }
        .rnn-index li { margin: 1rem 0; }
        .rnn-index-title { font-weight: 700; }
        .rnn-index .rnn-goal { font-size: .92rem; color: #333; }
        .rnn-index .rnn-time { color: #666; font-size: .85rem; }
        """;

    /// <summary>A complete page in the book's look; <paramref name="head"/> is added inside &lt;head&gt; as is.</summary>
    public static string Render(string title, string head, string body, string? bodyClass = null) =>
        LessonPage.Render(title, $"<style>\n{BookStyle}</style>\n{head}", body, bodyClass);

    /// <summary>
    /// A page of the book: the top bar (title, edition, search), previous/next above and below, and the page's
    /// contents and downloads beside it (sticky on a wide screen, above it on a narrow one).
    /// </summary>
    public static string RenderBookPage(string title, string head, string body, BookNavigation navigation, PageSections sections, SiteEdition edition)
    {
        var page = new StringBuilder();
        page.Append(TopBar(edition)).Append(navigation.PagerHtml())
            .Append("<div class=\"rnn-book\">\n<aside class=\"rnn-side\">\n<p class=\"rnn-side-title\">On this page</p>\n")
            .Append(sections.ContentsHtml()).Append(navigation.DownloadsHtml()).Append("</aside>\n")
            .Append("<main class=\"rnn-main\">\n").Append(body).Append("</main>\n</div>\n")
            .Append(navigation.PagerHtml()).Append(SearchScripts);
        return Render(title, head, page.ToString(), "rnn-book-page");
    }

    /// <summary>The bar at the top of every page of the book: the course's name, the edition and the search box.</summary>
    public static string TopBar(SiteEdition edition) =>
        "<header class=\"rnn-top\"><a class=\"rnn-brand\" href=\"index.html\">RnnNotebooks</a>" +
        $"<span class=\"rnn-edition\">{(edition == SiteEdition.Teacher ? "Teacher's edition: solutions and hidden tests shown" : "Learner's edition")}</span>" +
        "<div class=\"rnn-search-box\" role=\"search\"><input id=\"rnn-search\" type=\"search\" placeholder=\"Search the course\" aria-label=\"Search the course\" autocomplete=\"off\">" +
        "<ul id=\"rnn-search-results\" hidden></ul></div></header>\n";

    /// <summary>The search index (a script beside the pages) and the search box's script.</summary>
    public static string SearchScripts =>
        $"<script type=\"text/javascript\" src=\"{SearchIndex.FileName}\"></script>\n<script type=\"text/javascript\">\n{BookScripts.Search}\n</script>\n";

    /// <summary>Writes <paramref name="html"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Save(string path, string html)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, html, new UTF8Encoding(false));
    }
}
