using Plotly.NET;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// The two charts of a training run side by side: the loss with its smoothed curve, and the gradient
/// norm before/after clipping on a log scale. What a training history displays as.
/// </summary>
public static class TrainingCharts
{
    /// <summary>The loss chart of one run with its recorded smoothed loss.</summary>
    public static GenericChart Loss(IReadOnlyList<double> steps, IReadOnlyList<double> loss, IReadOnlyList<double>? smoothedLoss = null, string runName = "loss") =>
        new LossCurves().Add(runName, steps, loss, smoothedLoss).ToChart();

    /// <summary>
    /// Loss (left) and gradient norms (right) in one figure; without gradient norms, the loss alone.
    /// </summary>
    public static GenericChart Overview(
        IReadOnlyList<double> steps, IReadOnlyList<double> loss, IReadOnlyList<double>? smoothedLoss,
        IReadOnlyList<double>? gradientNormBeforeClipping, IReadOnlyList<double>? gradientNormAfterClipping, double? clipThreshold = null)
    {
        var lossChart = Loss(steps, loss, smoothedLoss);
        if (gradientNormBeforeClipping is null || gradientNormBeforeClipping.Count == 0) return lossChart;
        var gradChart = GradientNormChart.Of(steps, gradientNormBeforeClipping, gradientNormAfterClipping, clipThreshold);
        var grid = Plotly.NET.CSharp.Chart.Grid(new[] { lossChart, gradChart }, 1, 2);
        // Grid merges the two layouts into one and gives the second chart fresh axes (x2, y2): restate
        // all four axes so the right-hand one keeps its log scale.
        var layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = "Loss and gradient norm" });
        layout.SetProperty("xaxis", ChartLayout.Axis(new ChartAxis("training step")));
        layout.SetProperty("yaxis", ChartLayout.Axis(new ChartAxis("loss")));
        layout.SetProperty("xaxis2", ChartLayout.Axis(new ChartAxis("training step")));
        layout.SetProperty("yaxis2", ChartLayout.Axis(new ChartAxis("‖g‖ (log scale)", Log: true)));
        layout.SetProperty("width", 2 * ChartLayout.Width);
        layout.SetProperty("height", ChartLayout.Height);
        return grid;
    }
}
