using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// What a recurrent network's units do while it reads: hidden-state values or gate activations (units on
/// the y axis) at each time step, with the character read at that step labelling the x axis. Units that
/// switch on at spaces, quotes or line ends show up as vertical stripes.
/// <code>ActivationHeatmap.Of(hiddenStates, "hello world", "hidden state h_t")</code>
/// </summary>
public static class ActivationHeatmap
{
    /// <summary>
    /// The heatmap of <paramref name="activations"/> (units × time steps: column t is the state after
    /// reading <paramref name="text"/>[t]).
    /// </summary>
    /// <param name="activations">One row per unit, one column per character.</param>
    /// <param name="text">The characters read, one per column.</param>
    /// <param name="title">What is shown, e.g. "forget gate f_t".</param>
    /// <param name="zMin">Bottom of the colour scale (−1 for tanh states, 0 for sigmoid gates); null fits the data.</param>
    /// <param name="zMax">Top of the colour scale; null fits the data.</param>
    public static GenericChart Of(Matrix<double> activations, string text, string title = "activations", double? zMin = null, double? zMax = null)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(text);
        if (activations.ColumnCount != text.Length)
            throw new ArgumentException(
                $"The activations have {activations.ColumnCount} time steps (columns) but the text has {text.Length} characters: pass units × time steps, one column per character.",
                nameof(text));
        var z = activations.ToRowArrays();
        var x = ChartLayout.Indices(text.Length);
        var heatmap = Chart.Heatmap<double, double, double, string>(z, X: x, Y: ChartLayout.Indices(activations.RowCount),
            ColorScale: StyleParam.Colorscale.RdBu);
        var trace = GenericChart.getTraces(heatmap)[0];
        if (zMin is double lo) trace.SetProperty("zmin", lo);
        if (zMax is double hi) trace.SetProperty("zmax", hi);
        // Characters label the columns by position, so repeated characters stay separate columns.
        var labels = text.Select(VocabularyFormatter.Visible).ToList();
        int width = Math.Clamp(120 + 14 * text.Length, 400, 1400);
        return ChartLayout.Compose([heatmap], title, new ChartAxis("character read", TickValues: x, TickText: labels),
            new ChartAxis("unit", Reversed: true), width: width);
    }
}
