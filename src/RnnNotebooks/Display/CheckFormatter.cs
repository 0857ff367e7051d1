using RnnNotebooks.Classroom;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a <see cref="CheckResult"/>: a green PASS or a red FAIL box with what is off and the hint. The
/// classes <c>rnn-check-pass</c> and <c>rnn-check-fail</c> let pages and tests find verdicts; the grader reads
/// none of this (it compares answers itself, README "Classroom").
/// </summary>
public static class CheckFormatter
{
    /// <summary>The class a failed check's HTML carries.</summary>
    public const string FailClass = "rnn-check-fail";

    /// <summary>The class a passed check's HTML carries.</summary>
    public const string PassClass = "rnn-check-pass";

    /// <summary>The HTML of <paramref name="result"/>.</summary>
    public static string ToHtml(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string what = string.IsNullOrEmpty(result.What) ? "" : $" <code>{HtmlText.Encode(result.What)}</code>";
        if (result.Passed)
            return $"<div class=\"rnn-check {PassClass}\" style=\"{Box} border-color: #1a7f37; background: #dafbe1;\">" +
                   $"<strong style=\"color: #1a7f37;\">✓ PASS</strong>{what}</div>";
        string hint = string.IsNullOrWhiteSpace(result.Hint) ? ""
            : $"<div style=\"margin-top: 2px;\"><em>Hint:</em> {HtmlText.Encode(result.Hint)}</div>";
        return $"<div class=\"rnn-check {FailClass}\" style=\"{Box} border-color: #cf222e; background: #ffebe9;\">" +
               $"<strong style=\"color: #cf222e;\">✗ FAIL</strong>{what}: {HtmlText.Encode(result.Detail)}{hint}</div>";
    }

    const string Box = "border-left: 4px solid; padding: 4px 8px; margin: 2px 0; font-family: system-ui, sans-serif;";
}
