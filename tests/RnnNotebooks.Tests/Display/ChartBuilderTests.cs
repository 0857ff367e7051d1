using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Display.Charts;
using static RnnNotebooks.Tests.Display.ChartJson;

namespace RnnNotebooks.Tests.Display;

public sealed class ChartBuilderTests
{
    [Fact]
    public void Loss_curves_overlay_every_run_raw_and_smoothed()
    {
        double[] rnn = [4, 3, 2.5, 2.2, 2.0], lstm = [4, 2.5, 1.8, 1.5, 1.3];

        var chart = new LossCurves().Add("RNN", rnn).Add("LSTM", lstm).ToChart();

        var traces = Traces(chart);
        Assert.Equal(["RNN (raw)", "RNN (smoothed)", "LSTM (raw)", "LSTM (smoothed)"], traces.Select(Name));
        Assert.All(traces, t => Assert.Equal("scatter", Type(t)));
        Assert.Equal(lstm, Numbers(traces[2], "y"));
        Assert.Equal(RnnNotebooks.Training.LossSmoothing.Smooth(lstm, RnnNotebooks.Training.LossSmoothing.DefaultBeta), Numbers(traces[3], "y"));
        Assert.Equal("training step", Layout(chart).GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_smoothed_loss_is_a_bias_corrected_moving_average()
    {
        var smoothed = RnnNotebooks.Training.LossSmoothing.Smooth([2, 2, 2, 4], 0.5);

        Assert.Equal(2, smoothed[0], 12);  // no pull towards zero at the start
        Assert.Equal(2, smoothed[2], 12);
        Assert.Equal((0.5 * 2 * (1 - 0.125) / 1 + 0.5 * 4) / (1 - 0.0625), smoothed[3], 12);
    }

    [Fact]
    public void Gradient_norms_before_and_after_clipping_share_a_log_axis_with_the_threshold()
    {
        double[] steps = [0, 1, 2], before = [0.5, 40, 2], after = [0.5, 5, 2];

        var chart = GradientNormChart.Of(steps, before, after, threshold: 5);

        var traces = Traces(chart);
        Assert.Equal(3, traces.Count);
        Assert.Equal(before, Numbers(traces[0], "y"));
        Assert.Equal(after, Numbers(traces[1], "y"));
        Assert.Equal([5.0, 5.0], Numbers(traces[2], "y"));
        Assert.Equal("log", Layout(chart).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void The_training_overview_puts_loss_and_log_scaled_gradient_norms_side_by_side()
    {
        double[] steps = [0, 1, 2];

        var chart = TrainingCharts.Overview(steps, [3, 2, 1], [3, 2.5, 2], [1, 9, 2], [1, 5, 2], 5);

        var traces = Traces(chart);
        Assert.Equal(5, traces.Count);
        Assert.Equal("x2", traces[4].GetProperty("xaxis").GetString());
        var layout = Layout(chart);
        Assert.Equal("log", layout.GetProperty("yaxis2").GetProperty("type").GetString());
        Assert.False(layout.GetProperty("yaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void Gradient_flow_draws_one_log_scaled_line_per_model_over_time_steps()
    {
        double[] rnn = [1e-6, 1e-4, 1e-2, 1], lstm = [0.3, 0.5, 0.8, 1];

        var chart = new GradientFlowChart().Add("RNN", rnn).Add("LSTM", lstm).ToChart();

        var traces = Traces(chart);
        Assert.Equal(["RNN", "LSTM"], traces.Select(Name));
        Assert.Equal([0.0, 1, 2, 3], Numbers(traces[0], "x"));
        Assert.Equal(rnn, Numbers(traces[0], "y"));
        Assert.Equal("log", Layout(chart).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void The_gradient_flow_heatmap_has_time_steps_across_and_training_steps_down_in_log10()
    {
        var chart = GradientFlowChart.Heatmap([0, 100], [[1e-3, 1e-1, 1], [1e-2, 1, 10]]);

        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", Type(trace));
        Assert.Equal([0.0, 100], Numbers(trace, "y"));
        Assert.Equal([0.0, 1, 2], Numbers(trace, "x"));
        Assert.Equal(-3, trace.GetProperty("z")[0][0].GetDouble(), 12);
        Assert.Equal(1, trace.GetProperty("z")[1][2].GetDouble(), 12);
    }

    [Fact]
    public void The_gradient_flow_heatmap_rejects_ragged_rows_naming_them()
    {
        var e = Assert.Throws<ArgumentException>(() => GradientFlowChart.Heatmap([0, 1], [[1, 2, 3], [1, 2]]));
        Assert.Contains("norms[1] has 2 time steps", e.Message);
    }

    [Fact]
    public void An_activation_heatmap_labels_each_column_with_the_character_read_even_when_repeated()
    {
        var states = Matrix<double>.Build.Dense(3, 5, (i, t) => Math.Tanh(i - t));

        var chart = ActivationHeatmap.Of(states, "he l\n", "hidden state", zMin: -1, zMax: 1);

        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", Type(trace));
        Assert.Equal(3, trace.GetProperty("z").GetArrayLength());
        Assert.Equal(-1, trace.GetProperty("zmin").GetDouble());
        var xaxis = Layout(chart).GetProperty("xaxis");
        Assert.Equal(["h", "e", "␣", "l", "\\n"], xaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([0.0, 1, 2, 3, 4], xaxis.GetProperty("tickvals").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void An_activation_heatmap_names_the_mismatch_between_columns_and_characters()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationHeatmap.Of(Matrix<double>.Build.Dense(2, 3), "ab"));
        Assert.Contains("3 time steps (columns) but the text has 2 characters", e.Message);
    }

    [Fact]
    public void An_attention_heatmap_puts_inputs_across_and_outputs_down_with_weights_from_0_to_1()
    {
        // Reversing "abc": output t looks at input 2 − t, then <end> looks at the first input.
        var weights = Matrix<double>.Build.Dense(3, 4, (i, t) => i == Math.Max(0, 2 - t) ? 1 : 0);

        var chart = AttentionHeatmap.Of(weights, ["a", "b", "a"], ["a", "b", "a", "<end>"]);

        var trace = Assert.Single(Traces(chart));
        Assert.Equal("heatmap", Type(trace));
        var z = trace.GetProperty("z");
        Assert.Equal(4, z.GetArrayLength());                               // one row per output step
        Assert.Equal(1.0, z[0][2].GetDouble());                            // output 0 looked at input 2
        Assert.Equal(0.0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1.0, trace.GetProperty("zmax").GetDouble());
        Assert.Equal(["a", "b", "a"], Layout(chart).GetProperty("xaxis").GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("reversed", Layout(chart).GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void An_attention_heatmap_names_the_mismatch_between_weights_and_tokens()
    {
        var e = Assert.Throws<ArgumentException>(() => AttentionHeatmap.Of(Matrix<double>.Build.Dense(3, 2), ["a", "b"], ["b", "a"]));
        Assert.Contains("3×2 but there are 2 input and 2 output tokens", e.Message);
    }

    [Fact]
    public void A_decision_boundary_evaluates_the_classifier_on_a_grid_under_the_points()
    {
        var chart = new DecisionBoundary((x, y) => x > 1 ? 1 : 0)
            .AddPoints("class 0", [-1, -2], [-1, 0])
            .AddPoints("class 1", [1, 2], [1, 0])
            .Over(-3, 3, -3, 3).WithResolution(7)
            .ToChart();

        var traces = Traces(chart);
        Assert.Equal(["contour", "scatter", "scatter"], traces.Select(Type));
        Assert.Equal(["class 0", "class 1"], traces.Skip(1).Select(Name));
        var z = traces[0].GetProperty("z");
        Assert.Equal(7, z.GetArrayLength());
        Assert.Equal(0, z[0][0].GetDouble());  // (x, y) = (−3, −3)
        Assert.Equal(1, z[0][6].GetDouble());  // rows follow y, columns x: (3, −3)
        Assert.Equal(0, z[6][0].GetDouble());  // (−3, 3)
        Assert.Equal([-3.0, -2, -1, 0, 1, 2, 3], Numbers(traces[0], "x"));
    }

    [Fact]
    public void A_forecast_chart_draws_the_truth_and_each_forecast()
    {
        var chart = new ForecastChart([0, 1, 2, 3], [1, 2, 3, 4]).AddForecast("LSTM", [2, 3], [3.1, 3.9]).AddForecast("naive", [2, 3], [2, 3]).ToChart();

        var traces = Traces(chart);
        Assert.Equal(["truth", "LSTM", "naive"], traces.Select(Name));
        Assert.Equal([2.0, 3], Numbers(traces[1], "x"));
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void Builders_reject_series_of_different_lengths_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new LossCurves().Add("run", [0, 1, 2], [1, 2]));
        Assert.Contains("steps has 3 values but losses has 2", e.Message);
    }
}
