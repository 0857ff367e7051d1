using RnnNotebooks.Training;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a <see cref="GradientCheckReport"/> as a table: one row per parameter tensor with a green ✓ or
/// a red ✗, its relative error, and an overall PASS or FAIL in the caption.
/// </summary>
public static class GradientCheckFormatter
{
    const string Green = "#1a7f37", Red = "#cf222e";

    /// <summary>The HTML table of <paramref name="report"/>.</summary>
    public static string ToHtml(GradientCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string verdict = report.Passed
            ? $"<span style=\"color: {Green};\">PASS</span>"
            : $"<span style=\"color: {Red};\">FAIL</span>";
        string caption = $"Gradient check: {verdict} (ε = {HtmlText.Number(report.Epsilon)}, tolerance {HtmlText.Number(report.Tolerance)}, worst relative error {HtmlText.Scientific(report.MaxRelativeError)})";
        var header = new[] { "", "parameter", "shape", "entries", "‖g‖ backprop", "‖g‖ numeric", "relative error" };
        var rows = report.Parameters.Select(p => new[]
        {
            p.Passed ? $"<span style=\"color: {Green};\">✓</span>" : $"<span style=\"color: {Red};\">✗</span>",
            HtmlText.Encode(p.Name),
            p.Shape,
            HtmlText.Count(p.EntriesChecked),
            HtmlText.Number(p.AnalyticNorm),
            HtmlText.Number(p.NumericNorm),
            $"<span style=\"color: {(p.Passed ? Green : Red)};\">{HtmlText.Scientific(p.RelativeError)}</span>",
        });
        return HtmlText.Table("rnn-gradient-check", caption, header, rows);
    }
}
