using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using RnnNotebooks.Display.Charts;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display;

/// <summary>
/// A matrix as a picture: a heatmap with row 0 at the top, for weight matrices too large to read as
/// numbers (<c>W_hh.ToHeatmap("W_hh")</c>) and for vectors as a one-row strip.
/// </summary>
public static class MatrixHeatmap
{
    /// <summary>The heatmap of <paramref name="matrix"/>.</summary>
    public static GenericChart ToHeatmap(this Matrix<double> matrix, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var heatmap = Chart.Heatmap<double, double, double, string>(matrix.ToRowArrays(),
            X: ChartLayout.Indices(matrix.ColumnCount), Y: ChartLayout.Indices(matrix.RowCount), ColorScale: StyleParam.Colorscale.RdBu);
        int width = Math.Clamp(160 + 12 * matrix.ColumnCount, 360, 1000);
        int height = Math.Clamp(120 + 12 * matrix.RowCount, 240, 800);
        return ChartLayout.Compose([heatmap], title ?? $"Matrix {matrix.RowCount}×{matrix.ColumnCount}",
            new ChartAxis("column"), new ChartAxis("row", Reversed: true), width, height);
    }

    /// <summary>The heatmap of <paramref name="vector"/> as a single row.</summary>
    public static GenericChart ToHeatmap(this Vector<double> vector, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector.ToRowMatrix().ToHeatmap(title ?? $"Vector {vector.Count}");
    }
}
