using System.Globalization;
using RnnNotebooks.Text;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows <see cref="GeneratedText"/> in a monospace block that keeps every space and line break, the
/// prompt highlighted (<c>&lt;mark class="rnn-prompt"&gt;</c>) so the model's own characters stand out,
/// and a header noting the temperature, top-k and training step.
/// </summary>
public static class GeneratedTextFormatter
{
    /// <summary>The HTML of <paramref name="text"/>.</summary>
    public static string ToHtml(GeneratedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<string>();
        if (text.Step is int step) notes.Add($"step {step.ToString("N0", CultureInfo.InvariantCulture)}");
        notes.Add(text.Temperature is double t ? $"temperature {t.ToString("0.###", CultureInfo.InvariantCulture)}" : "temperature: not set");
        if (text.TopK is int k) notes.Add($"top-k {k}");
        notes.Add($"{text.Continuation.Length} characters generated");
        return "<div class=\"rnn-generated-text\">" +
               $"<div style=\"font-size: 0.85em; color: #57606a;\">{HtmlText.Encode(string.Join(" · ", notes))}</div>" +
               "<pre style=\"white-space: pre-wrap; font-family: monospace; margin: 4px 0; padding: 6px; background: #f6f8fa; border-radius: 4px;\">" +
               $"<mark class=\"rnn-prompt\" style=\"background: #fff3b0;\">{HtmlText.Encode(text.Prompt)}</mark>" +
               $"{HtmlText.Encode(text.Continuation)}</pre></div>";
    }
}
