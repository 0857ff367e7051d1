using RnnNotebooks.Training;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a model (<see cref="IModel"/>) as its parameter summary: each tensor's name, shape, number of
/// values and Frobenius norm ‖W‖, and the total count, the first thing to check after building a model.
/// </summary>
public static class ModelSummaryFormatter
{
    /// <summary>The HTML table of <paramref name="model"/>'s parameters.</summary>
    public static string ToHtml(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parameters = model.Parameters;
        long total = parameters.Sum(p => (long)p.Count);
        var rows = parameters.Select(p => new[]
        {
            HtmlText.Encode(p.Name), p.Shape, HtmlText.Count(p.Count), HtmlText.Number(p.Value.FrobeniusNorm()),
        }).Append(["<b>total</b>", "", $"<b>{HtmlText.Count(total)}</b>", ""]);
        string caption = $"{HtmlText.Encode(model.GetType().Name)}: {HtmlText.Count(total)} parameters in {parameters.Count} tensors";
        return HtmlText.Table("rnn-model-summary", caption, ["name", "shape", "count", "‖W‖"], rows);
    }
}
