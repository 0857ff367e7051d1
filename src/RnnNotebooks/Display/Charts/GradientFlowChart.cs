using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Display.Charts;

/// <summary>
/// How far the gradient reaches back in time: ‖∂L/∂h_t‖ against the time step t on a log scale, one line
/// per model or per training step. A vanilla RNN's line falls geometrically (vanishing gradients); an
/// LSTM's stays flat much longer.
/// <code>new GradientFlowChart().Add("RNN", rnnNorms).Add("LSTM", lstmNorms)</code>
/// </summary>
public sealed class GradientFlowChart : IChartBuilder
{
    readonly List<(string Name, double[] Norms)> _series = [];
    string _title = "Gradient flowing back through time";

    /// <summary>Adds one series: <paramref name="normsPerTimeStep"/>[t] = ‖∂L/∂h_t‖ for t = 0 … T−1.</summary>
    public GradientFlowChart Add(string name, IReadOnlyList<double> normsPerTimeStep)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ChartLayout.NotEmpty(normsPerTimeStep, nameof(normsPerTimeStep));
        _series.Add((name, normsPerTimeStep.ToArray()));
        return this;
    }

    /// <summary>Sets the chart title.</summary>
    public GradientFlowChart WithTitle(string title) { _title = title; return this; }

    /// <inheritdoc />
    public GenericChart ToChart()
    {
        if (_series.Count == 0) throw new InvalidOperationException("No series to draw: call Add(name, normsPerTimeStep) first.");
        var traces = _series.Select(s => Chart.Line<double, double, string>(ChartLayout.Indices(s.Norms.Length), s.Norms, Name: s.Name, ShowMarkers: true));
        return ChartLayout.Compose(traces, _title, new ChartAxis("time step t"), new ChartAxis("‖∂L/∂hₜ‖ (log scale)", Log: true));
    }

    /// <summary>
    /// A heatmap of log₁₀‖∂L/∂h_t‖ over time steps (x) and training steps (y): whether the reach of the
    /// gradient changes as the model learns. <paramref name="norms"/>[i][t] was recorded at
    /// <paramref name="trainingSteps"/>[i].
    /// </summary>
    public static GenericChart Heatmap(IReadOnlyList<int> trainingSteps, IReadOnlyList<IReadOnlyList<double>> norms)
    {
        ChartLayout.NotEmpty(norms, nameof(norms));
        ChartLayout.SameLength(trainingSteps.Count, nameof(trainingSteps), norms.Count, nameof(norms));
        int timeSteps = norms[0].Count;
        for (int i = 0; i < norms.Count; i++)
            if (norms[i].Count != timeSteps)
                throw new ArgumentException($"norms[{i}] has {norms[i].Count} time steps but norms[0] has {timeSteps}: record the same sequence length every time.", nameof(norms));
        // log10 of the norm: the interesting range spans many orders of magnitude. Zero norms (no
        // gradient at all) are drawn at the smallest positive value rather than at −∞.
        double floor = norms.SelectMany(r => r).Where(v => v > 0).DefaultIfEmpty(1e-300).Min();
        var z = norms.Select(r => r.Select(v => Math.Log10(Math.Max(v, floor))).ToArray()).ToArray();
        var heatmap = Chart.Heatmap<double, double, double, string>(z, X: ChartLayout.Indices(timeSteps), Y: trainingSteps.Select(s => (double)s).ToArray());
        GenericChart.getTraces(heatmap)[0].SetProperty("colorbar", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "log₁₀‖∂L/∂hₜ‖" } });
        return ChartLayout.Compose([heatmap], "log₁₀‖∂L/∂hₜ‖ over training", new ChartAxis("time step t"), new ChartAxis("training step"));
    }
}
