using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// A time series and one or more forecasts of it: the truth as a solid line, each forecast dashed from
/// where it starts, so errors and lag are visible at a glance.
/// <code>new ForecastChart(t, y).AddForecast("LSTM", tTest, predictions).AddForecast("naive", tTest, lastValue)</code>
/// </summary>
public sealed class ForecastChart : IChartBuilder
{
    readonly double[] _time, _truth;
    readonly List<(string Name, double[] Time, double[] Values)> _forecasts = [];
    string _title = "Forecast against the truth";
    string _valueTitle = "value";

    /// <summary>Starts from the true series <paramref name="truth"/> observed at <paramref name="time"/>.</summary>
    public ForecastChart(IReadOnlyList<double> time, IReadOnlyList<double> truth)
    {
        ChartLayout.NotEmpty(truth, nameof(truth));
        ChartLayout.SameLength(time.Count, nameof(time), truth.Count, nameof(truth));
        _time = time.ToArray();
        _truth = truth.ToArray();
    }

    /// <summary>Adds a forecast made at times <paramref name="time"/>.</summary>
    public ForecastChart AddForecast(string name, IReadOnlyList<double> time, IReadOnlyList<double> forecast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ChartLayout.NotEmpty(forecast, nameof(forecast));
        ChartLayout.SameLength(time.Count, nameof(time), forecast.Count, nameof(forecast));
        _forecasts.Add((name, time.ToArray(), forecast.ToArray()));
        return this;
    }

    /// <summary>Sets the chart title and the name of the quantity forecast (the y axis).</summary>
    public ForecastChart WithTitle(string title, string valueTitle = "value") { _title = title; _valueTitle = valueTitle; return this; }

    /// <inheritdoc />
    public GenericChart ToChart()
    {
        var traces = new List<GenericChart> { Chart.Line<double, double, string>(_time, _truth, Name: "truth", LineColor: Color.fromString("#222222")) };
        foreach (var (name, time, values) in _forecasts)
            traces.Add(Chart.Line<double, double, string>(time, values, Name: name, LineDash: StyleParam.DrawingStyle.Dash));
        return ChartLayout.Compose(traces, _title, new ChartAxis("time"), new ChartAxis(_valueTitle));
    }
}
