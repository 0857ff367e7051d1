using System.Net;
using System.Text;

namespace RnnNotebooks.Runner.Site;

/// <summary>The frame shared by every page: head, style sheet, optional inline assets, body.</summary>
public static class PageLayout
{
    /// <summary>The course's look: readable prose width, code and outputs set apart.</summary>
    const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.55; color: #1f2328;
               max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
        a { color: #0b62c4; }
        pre { background: #f6f8fa; padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; font-size: .88rem; }
        .rnn-cell { margin: 1.2rem 0; }
        .rnn-code { border-left: 3px solid #5b8def; }
        .rnn-prompt { color: #888; font-family: monospace; font-size: .8rem; }
        .rnn-output { margin: .4rem 0 0 0; overflow-x: auto; }
        .rnn-stream { background: #fff; border: 1px solid #eee; }
        .rnn-stderr { background: #fff5f5; }
        .rnn-error { background: #ffebe9; color: #82071e; border-left: 3px solid #cf222e; }
        .rnn-failed { color: #cf222e; font-weight: 600; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .25rem .6rem; }
        .math-display, div.math { overflow-x: auto; }
        """;

    /// <summary>Writes a complete page; <paramref name="head"/> is added inside &lt;head&gt; as is.</summary>
    public static string Render(string title, string head, string body)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n")
            .Append(head)
            .Append("</head>\n<body>\n")
            .Append(body)
            .Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes <paramref name="html"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Save(string path, string html)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, html, new UTF8Encoding(false));
    }
}
