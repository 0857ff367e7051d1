using System.Net;
using System.Text.RegularExpressions;

// Compiled into the library and, as shared source, into the runner (which must not reference the library:
// its notebook processes load the library's package): one renderer for the site and the apps' pages.
#if RNNNOTEBOOKS_RUNNER
namespace RnnNotebooks.Runner.Lesson;
#else
namespace RnnNotebooks.Display.Pages;
#endif

/// <summary>The text of an HTML fragment: tags dropped, entities decoded, white space collapsed.</summary>
public static partial class PlainText
{
    /// <summary>The text a reader sees in <paramref name="html"/> (maths as its TeX source).</summary>
    public static string Of(string html) =>
        Space().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();
}
