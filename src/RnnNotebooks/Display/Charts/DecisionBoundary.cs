using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// What a 2-D classifier has learnt: its output over a grid of the plane as a filled contour (the 0.5
/// line is the decision boundary), with the data points on top, one colour per class.
/// <code>new DecisionBoundary((x, y) =&gt; net.Predict(x, y)).AddPoints("class 1", xs, ys)</code>
/// </summary>
public sealed class DecisionBoundary(Func<double, double, double> classifier) : IChartBuilder
{
    readonly Func<double, double, double> _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
    readonly List<(string Name, double[] X, double[] Y)> _classes = [];
    (double Min, double Max)? _xRange, _yRange;
    int _resolution = 60;
    string _title = "Decision boundary";

    /// <summary>Adds the points of one class.</summary>
    public DecisionBoundary AddPoints(string className, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ChartLayout.NotEmpty(x, nameof(x));
        ChartLayout.SameLength(x.Count, nameof(x), y.Count, nameof(y));
        _classes.Add((className, x.ToArray(), y.ToArray()));
        return this;
    }

    /// <summary>The region of the plane to evaluate; by default the points' range plus a margin.</summary>
    public DecisionBoundary Over(double xMin, double xMax, double yMin, double yMax)
    {
        if (!(xMin < xMax) || !(yMin < yMax)) throw new ArgumentException($"The region must have xMin < xMax and yMin < yMax; got x ∈ [{xMin}, {xMax}], y ∈ [{yMin}, {yMax}].");
        _xRange = (xMin, xMax);
        _yRange = (yMin, yMax);
        return this;
    }

    /// <summary>Grid points per axis (default 60): the classifier is evaluated resolution² times.</summary>
    public DecisionBoundary WithResolution(int pointsPerAxis)
    {
        if (pointsPerAxis < 2 || pointsPerAxis > 500) throw new ArgumentOutOfRangeException(nameof(pointsPerAxis), pointsPerAxis, "Use between 2 and 500 grid points per axis.");
        _resolution = pointsPerAxis;
        return this;
    }

    /// <summary>Sets the chart title.</summary>
    public DecisionBoundary WithTitle(string title) { _title = title; return this; }

    /// <inheritdoc />
    public GenericChart ToChart()
    {
        var (xMin, xMax) = _xRange ?? Around(_classes.SelectMany(c => c.X));
        var (yMin, yMax) = _yRange ?? Around(_classes.SelectMany(c => c.Y));
        var xs = Grid(xMin, xMax, _resolution);
        var ys = Grid(yMin, yMax, _resolution);
        // z[i][j] is the classifier at (xs[j], ys[i]): rows follow y, as Plotly expects.
        var z = ys.Select(y => xs.Select(x => _classifier(x, y)).ToArray()).ToArray();
        var traces = new List<GenericChart>
        {
            Chart.Contour<double, double, double, string>(z, X: xs, Y: ys, Name: "classifier output",
                ColorScale: StyleParam.Colorscale.RdBu, Opacity: 0.6, NContours: 10),
        };
        foreach (var (name, x, y) in _classes)
            traces.Add(Chart.Point<double, double, string>(x, y, Name: name));
        return ChartLayout.Compose(traces, _title, new ChartAxis("x₁"), new ChartAxis("x₂"), width: 620, height: 520);
    }

    static (double, double) Around(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return (-1, 1);
        double min = list.Min(), max = list.Max(), margin = Math.Max(0.1 * (max - min), 0.5);
        return (min - margin, max + margin);
    }

    static double[] Grid(double min, double max, int n) =>
        Enumerable.Range(0, n).Select(i => min + (max - min) * i / (n - 1)).ToArray();
}
