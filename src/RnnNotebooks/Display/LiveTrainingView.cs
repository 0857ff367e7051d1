using System.Globalization;
using RnnNotebooks.Display.Charts;
using RnnNotebooks.Training;

namespace RnnNotebooks.Display;

/// <summary>
/// A training run watched as it happens: one output, displayed once and then replaced in place, holding
/// the loss chart and a progress line (step, loss, characters per second, time left). Updates are
/// throttled to at most one per <see cref="MinimumInterval"/> (half a second), and <see cref="Complete"/>
/// (or disposing) always shows the final state, which is what stays in the saved notebook.
/// <code>
/// using var view = LiveTrainingView.Start(totalSteps: 2000, charactersPerStep: 25);
/// for (int step = 1; step &lt;= 2000; step++) view.Report(step, TrainStep());
/// </code>
/// </summary>
public sealed class LiveTrainingView : IDisposable
{
    /// <summary>The most points the live chart draws; longer runs are thinned evenly to keep updates small.</summary>
    public const int MaxChartPoints = 400;

    readonly ILiveOutput _output;
    readonly TimeProvider _clock;
    readonly long _started;
    readonly string _title;
    readonly List<double> _steps = [], _losses = [];
    long _lastUpdate;
    bool _completed;

    LiveTrainingView(int totalSteps, int charactersPerStep, string title, ILiveOutputSink sink, TimeProvider clock)
    {
        TotalSteps = totalSteps;
        CharactersPerStep = charactersPerStep;
        _title = title;
        _clock = clock;
        _started = _lastUpdate = clock.GetTimestamp();
        // plotly.js (once per session) goes in an output of its own, shown once: the live output is
        // replaced many times and must not carry 3.5 MB of script with every update.
        string plotlyJs = PlotlyJs.TakeScriptElementForThisOutput();
        if (plotlyJs.Length > 0) sink.Display(new LiveContent(plotlyJs, ""));
        _output = sink.Display(Render());
        UpdateCount = 1;
    }

    /// <summary>
    /// Displays a new live view. <paramref name="totalSteps"/> is the planned number of steps (for the time
    /// left); <paramref name="charactersPerStep"/> the characters one step processes (batch × sequence
    /// length) for the characters-per-second rate, 0 to leave it out.
    /// </summary>
    public static LiveTrainingView Start(int totalSteps, int charactersPerStep = 0, string title = "Training", ILiveOutputSink? sink = null, TimeProvider? clock = null)
    {
        if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "totalSteps must be the positive number of training steps you plan to run.");
        if (charactersPerStep < 0) throw new ArgumentOutOfRangeException(nameof(charactersPerStep), charactersPerStep, "charactersPerStep must be 0 or more.");
        return new LiveTrainingView(totalSteps, charactersPerStep, title, sink ?? LiveOutput.Sink, clock ?? TimeProvider.System);
    }

    /// <summary>
    /// Displays a new live view that follows <paramref name="trainer"/>: every step the trainer records is
    /// reported, until the view completes. One call replaces a hand-written Progress adapter:
    /// <code>
    /// using var view = LiveTrainingView.Follow(trainer, totalSteps: 1000, charactersPerStep: 25);
    /// trainer.Run(1000, step =&gt; model.TrainStep(batches.Next()));
    /// </code>
    /// </summary>
    public static LiveTrainingView Follow(Trainer trainer, int totalSteps, int charactersPerStep = 0, string title = "Training", ILiveOutputSink? sink = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var view = Start(totalSteps, charactersPerStep, title, sink, clock);
        void OnStep(TrainingHistory history) => view.Report(history.LastStep, history.LastLoss);
        void OnInterrupt(int lastStep) => view._interruptedAfter = lastStep;
        trainer.StepRecorded += OnStep;
        trainer.Interrupted += OnInterrupt;
        view._unfollow = () => { trainer.StepRecorded -= OnStep; trainer.Interrupted -= OnInterrupt; };
        return view;
    }

    Action? _unfollow;
    int? _interruptedAfter;

    /// <summary>The least time between two updates of the output.</summary>
    public static TimeSpan MinimumInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The planned number of steps.</summary>
    public int TotalSteps { get; }

    /// <summary>Characters processed per step (0 if not given).</summary>
    public int CharactersPerStep { get; }

    /// <summary>How many times the output has been shown or replaced so far.</summary>
    public int UpdateCount { get; private set; }

    /// <summary>
    /// Records the loss of training step <paramref name="step"/> (counted from 1, as <see cref="TrainingHistory"/>
    /// counts them: step 1 is the first update) and refreshes the output if
    /// half a second has passed since the last refresh.
    /// </summary>
    /// <exception cref="ArgumentException">The loss is NaN or infinite: training has diverged.</exception>
    public void Report(int step, double loss)
    {
        if (_completed) throw new InvalidOperationException("This live view is complete: start a new one for another run.");
        if (!double.IsFinite(loss))
            throw new ArgumentException($"The loss at step {step} is {loss}: training has diverged. Lower the learning rate or clip the gradients, then re-run.", nameof(loss));
        _steps.Add(step);
        _losses.Add(loss);
        if (_clock.GetElapsedTime(_lastUpdate) >= MinimumInterval) Refresh();
    }

    /// <summary>Shows the final state (always, however recent the last update) and ends the view.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _unfollow?.Invoke();
        Refresh();
    }

    /// <summary>Same as <see cref="Complete"/>.</summary>
    public void Dispose() => Complete();

    /// <summary>The progress line as it stands, e.g. "step 1,200/2,000 · loss 1.834 · 5,230 chars/s · 0:12 left".</summary>
    public string ProgressLine() => ProgressLine(LossSmoothing.Smooth(_losses, Smoothing));

    /// <summary>The smoothing factor β of the smoothed loss the view shows.</summary>
    public const double Smoothing = LossSmoothing.DefaultBeta;

    string ProgressLine(double[] smoothed)
    {
        var ci = CultureInfo.InvariantCulture;
        var elapsed = _clock.GetElapsedTime(_started);
        int done = _steps.Count == 0 ? 0 : (int)_steps[^1];
        var parts = new List<string> { $"{_title}: step {done.ToString("N0", ci)}/{TotalSteps.ToString("N0", ci)}" };
        if (_losses.Count > 0) parts.Add($"loss {_losses[^1].ToString("0.####", ci)} (smoothed {smoothed[^1].ToString("0.####", ci)})");
        double seconds = elapsed.TotalSeconds;
        if (CharactersPerStep > 0 && seconds > 0) parts.Add($"{(_steps.Count * (double)CharactersPerStep / seconds).ToString("N0", ci)} chars/s");
        if (_completed && _interruptedAfter is int last) parts.Add($"stopped by an interrupt after step {last.ToString("N0", ci)}, kept, in {Clock(elapsed)}");
        else if (_completed) parts.Add($"done in {Clock(elapsed)}");
        else if (_steps.Count > 0 && seconds > 0) parts.Add($"{Clock(TimeSpan.FromSeconds(seconds / _steps.Count * Math.Max(TotalSteps - done, 0)))} left");
        return string.Join(" · ", parts);
    }

    void Refresh()
    {
        _output.Update(Render());
        UpdateCount++;
        // Timed from the end of the update, so slow rendering can never push deliveries closer together.
        _lastUpdate = _clock.GetTimestamp();
    }

    LiveContent Render()
    {
        var smoothed = LossSmoothing.Smooth(_losses, Smoothing);
        string line = ProgressLine(smoothed);
        string chart = "";
        if (_losses.Count > 0)
        {
            int stride = (_losses.Count + MaxChartPoints - 1) / MaxChartPoints;
            IReadOnlyList<double> Thin(IReadOnlyList<double> xs) => stride <= 1 ? xs : xs.Where((_, i) => i % stride == 0 || i == xs.Count - 1).ToList();
            chart = ChartFormatter.ToHtmlWithoutPlotlyJs(TrainingCharts.Loss(Thin(_steps), Thin(_losses), Thin(smoothed)));
        }
        string html = $"<div class=\"rnn-live-training\"><div class=\"rnn-progress\" style=\"font-family: monospace; margin-bottom: 4px;\">{HtmlText.Encode(line)}</div>{chart}</div>";
        return new LiveContent(html, line);
    }

    static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
