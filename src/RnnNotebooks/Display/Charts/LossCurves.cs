using Plotly.NET;
using RnnNotebooks.Training;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// Loss against training step for one or several runs overlaid (RNN vs LSTM, two learning rates), each
/// drawn faint with its smoothed curve on top, so trends show through the noise of stochastic steps.
/// <code>new LossCurves().Add("RNN", rnnLosses).Add("LSTM", lstmLosses)</code>
/// </summary>
public sealed class LossCurves : IChartBuilder
{
    readonly List<(string Name, double[] Steps, double[] Loss, double[]? Smoothed)> _runs = [];
    string? _title = "Training loss";
    double _smoothing = LossSmoothing.DefaultBeta;
    bool _logY;

    /// <summary>Adds a run whose losses were recorded at steps 1, 2, 3, … (as a training history counts them); its smoothed curve is computed.</summary>
    public LossCurves Add(string name, IReadOnlyList<double> losses) =>
        Add(name, Enumerable.Range(1, losses?.Count ?? 0).Select(i => (double)i).ToArray(), losses!, smoothed: null);

    /// <summary>
    /// Adds a run with explicit steps and, optionally, its already smoothed loss (as a training history
    /// records it); without <paramref name="smoothed"/> an exponential moving average is computed.
    /// </summary>
    public LossCurves Add(string name, IReadOnlyList<double> steps, IReadOnlyList<double> losses, IReadOnlyList<double>? smoothed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ChartLayout.NotEmpty(losses, nameof(losses));
        ChartLayout.SameLength(steps.Count, nameof(steps), losses.Count, nameof(losses));
        if (smoothed is not null) ChartLayout.SameLength(steps.Count, nameof(steps), smoothed.Count, nameof(smoothed));
        _runs.Add((name, steps.ToArray(), losses.ToArray(), smoothed?.ToArray()));
        return this;
    }

    /// <summary>The smoothing factor β of the bias-corrected moving average (<see cref="LossSmoothing"/>; 0 draws no smoothed curve).</summary>
    public LossCurves WithSmoothing(double beta)
    {
        _smoothing = LossSmoothing.CheckBeta(beta, nameof(beta));
        return this;
    }

    /// <summary>Sets the chart title.</summary>
    public LossCurves WithTitle(string title) { _title = title; return this; }

    /// <summary>Draws the loss on a log scale (useful when it falls by orders of magnitude).</summary>
    public LossCurves LogScale(bool on = true) { _logY = on; return this; }

    /// <inheritdoc />
    public GenericChart ToChart()
    {
        if (_runs.Count == 0) throw new InvalidOperationException("No runs to draw: call Add(name, losses) first.");
        var traces = new List<GenericChart>();
        foreach (var (name, steps, loss, given) in _runs)
        {
            var smoothed = given ?? (_smoothing > 0 ? LossSmoothing.Smooth(loss, _smoothing) : null);
            traces.Add(Chart.Line<double, double, string>(steps, loss, Name: smoothed is null ? name : $"{name} (raw)", Opacity: smoothed is null ? 1.0 : 0.35));
            if (smoothed is not null)
                traces.Add(Chart.Line<double, double, string>(steps, smoothed, Name: $"{name} (smoothed)"));
        }
        return ChartLayout.Compose(traces, _title, new ChartAxis("training step"), new ChartAxis("loss", Log: _logY));
    }
}
