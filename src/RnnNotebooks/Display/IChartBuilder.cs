using Plotly.NET;

namespace RnnNotebooks.Display;

/// <summary>
/// A fluent description of one of the course's charts. A notebook cell that ends with a builder shows
/// the chart; <see cref="ToChart"/> gives the Plotly.NET chart to style further or combine.
/// </summary>
public interface IChartBuilder
{
    /// <summary>The Plotly.NET chart this builder describes.</summary>
    GenericChart ToChart();
}
