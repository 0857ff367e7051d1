using System.Text;
using RnnNotebooks.Text;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a <see cref="Vocabulary"/> as a compact two-row table, characters over their ids, with
/// whitespace and control characters spelled out (<c>\n</c>, <c>␣</c>, <c>U+0007</c>) so none is invisible.
/// </summary>
public static class VocabularyFormatter
{
    /// <summary>Characters per table row block before wrapping to the next block.</summary>
    public const int CharactersPerBlock = 32;

    /// <summary>The HTML table of <paramref name="vocabulary"/>.</summary>
    public static string ToHtml(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var html = new StringBuilder();
        html.Append($"<div class=\"rnn-vocabulary\"><b>Vocabulary of {vocabulary.Size} characters</b>");
        html.Append("<table style=\"border-collapse: collapse; font-family: monospace; font-size: 0.9em;\">");
        for (int start = 0; start < vocabulary.Size; start += CharactersPerBlock)
        {
            var ids = Enumerable.Range(start, Math.Min(CharactersPerBlock, vocabulary.Size - start)).ToList();
            html.Append("<tr><th style=\"text-align: left; padding: 2px 6px;\">char</th>");
            foreach (int id in ids) html.Append($"<td style=\"{Cell} background: #f6f8fa;\">{HtmlText.Encode(Visible(vocabulary[id]))}</td>");
            html.Append("</tr><tr><th style=\"text-align: left; padding: 2px 6px;\">id</th>");
            foreach (int id in ids) html.Append($"<td style=\"{Cell} color: #57606a;\">{id}</td>");
            html.Append("</tr>");
        }
        html.Append("</table></div>");
        return html.ToString();
    }

    /// <summary>A character as a learner can see it: escapes for whitespace and control characters.</summary>
    public static string Visible(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        ' ' => "␣",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"U+{(int)c:X4}",
        _ => c.ToString(),
    };

    const string Cell = "border: 1px solid #d0d7de; padding: 2px 5px; text-align: center;";
}
