using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Display;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Display;

[Collection(PlotlyJsSession.Name)]
public sealed class LiveTrainingViewTests
{
    /// <summary>A clock that moves only when told to.</summary>
    sealed class FakeClock : TimeProvider
    {
        long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public TimeSpan Now => TimeSpan.FromTicks(_ticks);
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>Records every output displayed and every update, with the time it happened.</summary>
    sealed class RecordingSink(FakeClock clock) : ILiveOutputSink
    {
        public List<Output> Outputs { get; } = [];

        public ILiveOutput Display(LiveContent content)
        {
            var output = new Output(clock);
            output.Update(content);
            Outputs.Add(output);
            return output;
        }

        public sealed class Output(FakeClock clock) : ILiveOutput
        {
            public List<(TimeSpan At, LiveContent Content)> States { get; } = [];
            public void Update(LiveContent content) => States.Add((clock.Now, content));
        }
    }

    /// <summary>Fits w to minimise (w − 3)² by gradient descent, reporting each step's loss: a real, tiny training run.</summary>
    static double TrainStep(Parameter w, Sgd sgd)
    {
        double error = w.Value[0, 0] - 3;
        w.Gradient[0, 0] = 2 * error;
        sgd.Step([w]);
        return error * error;
    }

    [Fact]
    public void Follow_drives_the_view_from_a_trainer_and_stops_when_complete()
    {
        PlotlyJs.ResetSession();
        var clock = new FakeClock();
        var sink = new RecordingSink(clock);
        var w = new Parameter("w", Matrix<double>.Build.Dense(1, 1, 0.0));
        var trainer = new Trainer(new ParameterModel(w), new Sgd(0.05));

        var view = LiveTrainingView.Follow(trainer, totalSteps: 10, sink: sink, clock: clock);
        trainer.Run(10, _ => { clock.Advance(TimeSpan.FromMilliseconds(30)); return Quadratic(w); });
        view.Complete();

        // All 10 recorded steps reached the view: the line counts them as the history does (10 = LastStep).
        Assert.Equal(10, trainer.History.LastStep);
        string line = view.ProgressLine();
        Assert.StartsWith("Training: step 10/10", line);
        Assert.Contains($"loss {trainer.History.LastLoss.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}", line);
        // After Complete the view has stopped following: further training does not touch it.
        int updates = view.UpdateCount;
        trainer.Run(5, _ => Quadratic(w));
        Assert.Equal(updates, view.UpdateCount);
        Assert.StartsWith("Training: step 10/10", view.ProgressLine());
    }

    static StepOutcome Quadratic(Parameter w)
    {
        double error = w.Value[0, 0] - 3;
        w.Gradient[0, 0] = 2 * error;
        return new StepOutcome(error * error, 1);
    }

    sealed class ParameterModel(Parameter w) : IModel
    {
        public IReadOnlyList<Parameter> Parameters => [w];
    }

    [Fact]
    public void Training_with_the_live_view_updates_one_output_in_place_at_most_twice_a_second_and_keeps_the_final_state()
    {
        PlotlyJs.ResetSession();
        var clock = new FakeClock();
        var sink = new RecordingSink(clock);
        var w = new Parameter("w", Matrix<double>.Build.Dense(1, 1, 0.0));
        var sgd = new Sgd(0.05);
        const int steps = 200;

        using (var view = LiveTrainingView.Start(steps, charactersPerStep: 25, sink: sink, clock: clock))
        {
            for (int step = 0; step < steps; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(30)); // 200 steps × 30 ms = 6 s of training
                view.Report(step + 1, TrainStep(w, sgd));
            }
        }

        // plotly.js once, in an output of its own that is never updated; then the one live output.
        Assert.Equal(2, sink.Outputs.Count);
        var plotlyJs = Assert.Single(sink.Outputs[0].States);
        Assert.Contains("data-plotlyjs", plotlyJs.Content.Html);
        var live = sink.Outputs[1].States;
        Assert.All(live, s => Assert.DoesNotContain("data-plotlyjs", s.Content.Html));

        // 6 s at ≤ 2 updates/s: at most 12 throttled updates, plus the first display and the final state.
        Assert.InRange(live.Count, 10, 14);
        for (int i = 2; i < live.Count - 1; i++)
            Assert.True(live[i].At - live[i - 1].At >= TimeSpan.FromMilliseconds(500), $"updates {i - 1} and {i} are {(live[i].At - live[i - 1].At).TotalMilliseconds} ms apart");

        var final = live[^1].Content;
        Assert.Contains($"step 200/200", final.Text);
        Assert.Contains("done in 0:06", final.Text);
        Assert.Contains("chars/s", final.Text);
        Assert.Contains("class=\"rnn-chart\"", final.Html);
        Assert.Contains("Plotly.newPlot", final.Html);
        // The last loss was measured before the last update, which shrinks the error by 1 − 2η = 0.9.
        double lastLoss = Math.Pow((w.Value[0, 0] - 3) / 0.9, 2);
        Assert.Contains(FormattableString.Invariant($"loss {lastLoss:0.####} (smoothed"), final.Text);
        Assert.True(lastLoss < 1e-6, $"the tiny training run did not converge: last loss {lastLoss}");
    }

    [Fact]
    public void The_progress_line_estimates_the_time_left_and_the_character_rate()
    {
        PlotlyJs.ResetSession();
        _ = PlotlyJs.TakeScriptElementForThisOutput(); // plotly.js already on the page
        var clock = new FakeClock();
        var sink = new RecordingSink(clock);
        var view = LiveTrainingView.Start(100, charactersPerStep: 50, title: "LSTM", sink: sink, clock: clock);
        for (int step = 0; step < 25; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            view.Report(step + 1, 2.0);
        }

        Assert.Single(sink.Outputs);
        Assert.Equal("LSTM: step 25/100 · loss 2 (smoothed 2) · 500 chars/s · 0:07 left", view.ProgressLine());
    }

    [Fact]
    public void A_diverged_loss_is_reported_with_what_to_do()
    {
        var clock = new FakeClock();
        var view = LiveTrainingView.Start(10, sink: new RecordingSink(clock), clock: clock);

        var e = Assert.Throws<ArgumentException>(() => view.Report(3, double.NaN));
        Assert.Contains("step 3", e.Message);
        Assert.Contains("Lower the learning rate", e.Message);
    }

    [Fact]
    public void Outside_a_notebook_the_live_view_writes_progress_lines_to_the_console_sink()
    {
        var clock = new FakeClock();
        var writer = new StringWriter();
        var view = LiveTrainingView.Start(4, sink: new ConsoleLiveOutputSink(writer), clock: clock);
        for (int step = 0; step < 4; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            view.Report(step + 1, 1.0 / (step + 1));
        }
        view.Complete();

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Training: step 0/4", lines[0]);
        Assert.StartsWith("Training: step 4/4 · loss 0.25", lines[^1]);
        Assert.Contains("done in 0:04", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains('<'));
    }
}
