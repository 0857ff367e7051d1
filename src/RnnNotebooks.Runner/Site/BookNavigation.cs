using System.Net;
using System.Text;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>A neighbouring page: its file name without extension and its title.</summary>
public sealed record PageLink(string Name, string Title);

/// <summary>A file a page offers for download, relative to the site folder.</summary>
public sealed record PageDownload(string Label, string Href);

/// <summary>
/// Where a page sits in the book: the notebooks before and after it in the course folder (in name order, so
/// a new numbered notebook takes its place by itself) and the files it offers.
/// </summary>
public sealed record BookNavigation(PageLink? Previous, PageLink? Next, IReadOnlyList<PageDownload> Downloads)
{
    /// <summary>No neighbours and no downloads: a page on its own.</summary>
    public static readonly BookNavigation None = new(null, null, []);

    /// <summary>
    /// The neighbours of <paramref name="notebookPath"/> among the notebooks in its folder, and its downloads:
    /// the notebook, its student version (<c>exercises/</c>), its app (<c>apps/</c>) and its student version's app
    /// (<c>apps/exercises/</c>) where they exist,
    /// copied to <c>downloads/</c> in <paramref name="siteFolder"/> so the site stands alone.
    /// </summary>
    public static BookNavigation For(string notebookPath, string siteFolder)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string name = Path.GetFileNameWithoutExtension(notebookPath);
        var course = Directory.GetFiles(folder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();
        int at = course.IndexOf(name);
        PageLink? Link(int i) => at < 0 || i < 0 || i >= course.Count ? null : new PageLink(course[i], TitleOf(Path.Combine(folder, course[i] + ".ipynb")));

        var downloads = new List<PageDownload>();
        void Offer(string label, string source, string target)
        {
            if (!File.Exists(source)) return;
            string copy = Path.Combine(siteFolder, "downloads", target);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy, overwrite: true);
            downloads.Add(new PageDownload(label, "downloads/" + target.Replace('\\', '/')));
        }
        Offer("The notebook", Path.Combine(folder, name + ".ipynb"), name + ".ipynb");
        Offer("Student version", Path.Combine(folder, "exercises", name + ".ipynb"), Path.Combine("exercises", name + ".ipynb"));
        Offer("App (dotnet run)", Path.Combine(folder, "apps", name + ".cs"), Path.Combine("apps", name + ".cs"));
        Offer("Student app (dotnet run)", Path.Combine(folder, "apps", "exercises", name + ".cs"), Path.Combine("apps", "exercises", name + ".cs"));
        return new BookNavigation(Link(at - 1), Link(at + 1), downloads);
    }

    static string TitleOf(string path)
    {
        try { return NotebookDocument.Load(path).Title; }
        catch (NotebookFormatException) { return Path.GetFileNameWithoutExtension(path); }
    }

    /// <summary>The previous/next bar shown at the top and the bottom of the page.</summary>
    public string PagerHtml()
    {
        var bar = new StringBuilder("<nav class=\"rnn-pager\">");
        bar.Append(Previous is { } p ? $"<a class=\"rnn-prev\" rel=\"prev\" href=\"{Href(p)}\">← {WebUtility.HtmlEncode(p.Title)}</a>" : "<span class=\"rnn-prev\"></span>");
        bar.Append("<a class=\"rnn-home\" href=\"index.html\">Contents</a>");
        bar.Append(Next is { } n ? $"<a class=\"rnn-next\" rel=\"next\" href=\"{Href(n)}\">{WebUtility.HtmlEncode(n.Title)} →</a>" : "<span class=\"rnn-next\"></span>");
        return bar.Append("</nav>\n").ToString();
    }

    /// <summary>The download links.</summary>
    public string DownloadsHtml()
    {
        if (Downloads.Count == 0) return "";
        var list = new StringBuilder("<p class=\"rnn-side-title\">Download</p>\n<ul class=\"rnn-downloads\">\n");
        foreach (var d in Downloads)
            list.Append($"<li><a href=\"{WebUtility.HtmlEncode(d.Href)}\" download>{WebUtility.HtmlEncode(d.Label)}</a></li>\n");
        return list.Append("</ul>\n").ToString();
    }

    static string Href(PageLink link) => Uri.EscapeDataString(link.Name) + ".html";
}
