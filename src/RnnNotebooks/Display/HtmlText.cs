using System.Globalization;
using System.Net;
using System.Text;

namespace RnnNotebooks.Display;

/// <summary>Small pieces of HTML the formatters share: escaping, numbers and plain tables.</summary>
internal static class HtmlText
{
    /// <summary>Escapes text for an HTML element or attribute.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number as the course prints it: up to 4 significant digits, invariant culture.</summary>
    public static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A number in scientific notation, e.g. 2.80E-001, for errors that span orders of magnitude.</summary>
    public static string Scientific(double x) => x.ToString("E2", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, e.g. 12,345.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A compact table: a caption, a header row and body rows whose cells are already HTML.
    /// <paramref name="cssClass"/> names the table for the page's CSS and for tests.
    /// </summary>
    public static string Table(string cssClass, string captionHtml, IEnumerable<string> headerCells, IEnumerable<IEnumerable<string>> rows)
    {
        var html = new StringBuilder();
        html.Append($"<table class=\"{cssClass}\" style=\"border-collapse: collapse; font-family: monospace; font-size: 0.9em;\">");
        html.Append($"<caption style=\"caption-side: top; text-align: left; font-weight: bold; padding-bottom: 4px;\">{captionHtml}</caption>");
        html.Append("<thead><tr>");
        foreach (var h in headerCells) html.Append($"<th style=\"{CellStyle} background: #eef2f7;\">{h}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append($"<td style=\"{CellStyle}\">{cell}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    const string CellStyle = "border: 1px solid #d0d7de; padding: 2px 6px; text-align: right;";
}
