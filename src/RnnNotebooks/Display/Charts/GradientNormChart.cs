using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// The global gradient norm ‖g‖ per training step before and after clipping, on a log scale: spikes
/// above the clipping threshold are the exploding gradients that clipping tames.
/// <code>GradientNormChart.Of(steps, before, after, threshold: 5)</code>
/// </summary>
public static class GradientNormChart
{
    /// <summary>The chart of norms before (and, if given, after) clipping, with the threshold as a dashed line.</summary>
    public static GenericChart Of(IReadOnlyList<double> steps, IReadOnlyList<double> beforeClipping, IReadOnlyList<double>? afterClipping = null, double? threshold = null)
    {
        ChartLayout.NotEmpty(beforeClipping, nameof(beforeClipping));
        ChartLayout.SameLength(steps.Count, nameof(steps), beforeClipping.Count, nameof(beforeClipping));
        var traces = new List<GenericChart>
        {
            Chart.Line<double, double, string>(steps, beforeClipping, Name: "‖g‖ before clipping"),
        };
        if (afterClipping is not null)
        {
            ChartLayout.SameLength(steps.Count, nameof(steps), afterClipping.Count, nameof(afterClipping));
            traces.Add(Chart.Line<double, double, string>(steps, afterClipping, Name: "‖g‖ after clipping"));
        }
        if (threshold is double t)
            traces.Add(Chart.Line<double, double, string>(new[] { steps[0], steps[^1] }, new[] { t, t }, Name: $"threshold {t:G3}", LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("#888888")));
        return ChartLayout.Compose(traces, "Gradient norm", new ChartAxis("training step"), new ChartAxis("‖g‖ (log scale)", Log: true));
    }
}
