using System.Text;
using System.Text.Json;

namespace RnnNotebooks.Runner.Site;

/// <summary>One searchable section of a page: its prose as plain text, and where it is.</summary>
/// <param name="Page">The page's file name, e.g. <c>05-vanishing-and-exploding-gradients.html</c>.</param>
/// <param name="PageTitle">The notebook's title.</param>
/// <param name="Section">The section's heading, or the page's title before the first heading.</param>
/// <param name="Anchor">The section's anchor in the page, or empty.</param>
/// <param name="Text">The section's prose (markdown cells only: never code, so never a solution or a hidden test).</param>
public sealed record SearchEntry(string Page, string PageTitle, string Section, string Anchor, string Text);

/// <summary>
/// <c>search-index.js</c>: every page's sections in one small script that defines <c>RNN_SEARCH_INDEX</c>, so
/// the search works from <c>file://</c> with no server (a browser will not fetch a JSON file there).
/// </summary>
public static class SearchIndex
{
    /// <summary>The file every page loads.</summary>
    public const string FileName = "search-index.js";

    /// <summary>Writes the index of <paramref name="pages"/> to <paramref name="siteFolder"/>.</summary>
    public static void Write(IEnumerable<BookPageRecord> pages, string siteFolder)
    {
        var entries = pages.SelectMany(p => p.Search).Where(e => e.Text.Length > 0 || e.Section.Length > 0).ToList();
        var script = new StringBuilder("window.RNN_SEARCH_INDEX = ")
            .Append(JsonSerializer.Serialize(entries, BookJson.Default.ListSearchEntry).Replace("</", "<\\/"))
            .Append(";\n");
        PageLayout.Save(Path.Combine(siteFolder, FileName), script.ToString());
    }
}
