using Plotly.NET;

namespace RnnNotebooks.Display.Charts;

/// <summary>One axis of a course chart: its title, and whether it is logarithmic or labelled by hand.</summary>
/// <param name="Title">The axis title, e.g. "training step".</param>
/// <param name="Log">A log scale, for quantities that span orders of magnitude (gradient norms).</param>
/// <param name="TickValues">Positions to label, with <paramref name="TickText"/> (e.g. one character per time step).</param>
/// <param name="TickText">The labels at <paramref name="TickValues"/>.</param>
/// <param name="Reversed">Draws the axis top-down (row 0 of a matrix at the top).</param>
internal sealed record ChartAxis(string Title, bool Log = false, IReadOnlyList<double>? TickValues = null, IReadOnlyList<string>? TickText = null, bool Reversed = false);

/// <summary>The layout every course chart shares: a title, two titled axes and a size that fits a notebook.</summary>
internal static class ChartLayout
{
    public const int Width = 760, Height = 420;

    /// <summary>Combines <paramref name="traces"/> into one chart with the course's layout.</summary>
    public static GenericChart Compose(IEnumerable<GenericChart> traces, string? title, ChartAxis x, ChartAxis y, int width = Width, int height = Height)
    {
        var list = traces.ToList();
        if (list.Count == 0) throw new ArgumentException("A chart needs at least one series: add one before drawing.", nameof(traces));
        var chart = list.Count == 1 ? list[0] : Plotly.NET.CSharp.Chart.Combine(list);
        var layout = GenericChart.getLayout(chart);
        if (!string.IsNullOrEmpty(title)) layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        layout.SetProperty("xaxis", Axis(x));
        layout.SetProperty("yaxis", Axis(y));
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 60, ["r"] = 20, ["t"] = string.IsNullOrEmpty(title) ? 20 : 50, ["b"] = 50 });
        return chart;
    }

    /// <summary>The plotly.js layout object of one axis.</summary>
    public static Dictionary<string, object> Axis(ChartAxis axis)
    {
        var d = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = axis.Title } };
        if (axis.Log) d["type"] = "log";
        if (axis.TickValues is { } values)
        {
            d["tickmode"] = "array";
            d["tickvals"] = values;
            d["ticktext"] = axis.TickText ?? values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        if (axis.Reversed) d["autorange"] = "reversed";
        return d;
    }

    /// <summary>Checks that two series have the same length, naming both in the error.</summary>
    public static void SameLength(int a, string aName, int b, string bName)
    {
        if (a != b)
            throw new ArgumentException($"{aName} has {a} values but {bName} has {b}: give one value of {bName} per value of {aName}.", bName);
    }

    /// <summary>Checks that a series is not empty.</summary>
    public static void NotEmpty<T>(IReadOnlyCollection<T> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} is empty: a chart needs at least one value.", name);
    }

    /// <summary>0, 1, …, n−1 as doubles: the default x values (steps, time steps).</summary>
    public static double[] Indices(int n) => Enumerable.Range(0, n).Select(i => (double)i).ToArray();
}
