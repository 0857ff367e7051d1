using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// Where a model looked: attention weights as a heatmap, the tokens it read along the x axis and the
/// tokens it wrote down the y axis, so row t shows the weights the output step t gave each input (a row
/// sums to 1). An alignment reads as a line: a diagonal for copying, an anti-diagonal for reversing.
/// <code>AttentionHeatmap.Of(model.AttentionWeights(source, output), ["a", "b", "c"], ["c", "b", "a", "&lt;end&gt;"])</code>
/// </summary>
public static class AttentionHeatmap
{
    /// <summary>The heatmap of <paramref name="weights"/> (inputs × outputs: column t holds output step t's weights over the inputs).</summary>
    /// <param name="weights">One row per input token, one column per output step, each column summing to 1.</param>
    /// <param name="inputs">The tokens read, one per row of <paramref name="weights"/>.</param>
    /// <param name="outputs">The tokens written, one per column of <paramref name="weights"/>.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="size">Width and height in pixels of the square-celled chart (null: from the token counts).</param>
    public static GenericChart Of(Matrix<double> weights, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string title = "attention weights", int? size = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (weights.RowCount != inputs.Count || weights.ColumnCount != outputs.Count)
            throw new ArgumentException(
                $"The weights are {weights.RowCount}×{weights.ColumnCount} but there are {inputs.Count} input and {outputs.Count} output tokens: pass inputs × outputs, one row per input token and one column per output step.",
                nameof(weights));
        if (weights.RowCount == 0 || weights.ColumnCount == 0)
            throw new ArgumentException("There are no weights to show: the model read or wrote nothing.", nameof(weights));
        var z = weights.Transpose().ToRowArrays();                              // row t: output step t
        var x = ChartLayout.Indices(inputs.Count);
        var y = ChartLayout.Indices(outputs.Count);
        var heatmap = Chart.Heatmap<double, double, double, string>(z, X: x, Y: y, ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true);
        var trace = GenericChart.getTraces(heatmap)[0];
        trace.SetProperty("zmin", 0.0);
        trace.SetProperty("zmax", 1.0);
        int side = size ?? Math.Clamp(140 + 30 * Math.Max(inputs.Count, outputs.Count), 320, 760);
        // Tokens label the cells by position, so repeated tokens stay separate rows and columns.
        return ChartLayout.Compose([heatmap], title,
            new ChartAxis("input token (read)", TickValues: x, TickText: [.. inputs]),
            new ChartAxis("output token (written)", TickValues: y, TickText: [.. outputs], Reversed: true), width: side + 80, height: side);
    }
}
