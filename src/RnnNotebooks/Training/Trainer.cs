using System.Diagnostics;

namespace RnnNotebooks.Training;

/// <summary>
/// The training loop, written once: for each step, zero the gradients → run the caller's step
/// (forward and backward pass, which fills the gradients and returns the loss) → clip → let the
/// optimiser update the parameters → record everything in <see cref="History"/>.
/// The trainer knows nothing about the model beyond its parameter list, so it trains a perceptron,
/// an LSTM language model or anything else that implements <see cref="IModel"/>.
/// </summary>
/// <example>
/// <code>
/// var trainer = new Trainer(model, new Adam(1e-2), new TrainerOptions { MaxGradientNorm = 5 });
/// trainer.Run(2000, model.TrainingSteps(TextWindows.Cut(text, vocabulary, 25, 8)));
/// Console.WriteLine(trainer.History);
/// </code>
/// </example>
public sealed class Trainer
{
    readonly IReadOnlyList<Parameter> _parameters;
    readonly double[] _parameterNorms;
    readonly Stopwatch _wallClock = new();

    /// <summary>Creates a trainer for <paramref name="model"/>'s parameters.</summary>
    public Trainer(IModel model, Optimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        _parameters = model.Parameters ?? throw new ArgumentException("The model's Parameters list is null.", nameof(model));
        if (_parameters.Count == 0)
            throw new ArgumentException("The model has no parameters to train: its Parameters list is empty.", nameof(model));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        Optimizer = optimizer;
        History = new TrainingHistory(_parameters.Select(p => p.Name), Options.Smoothing);
        _parameterNorms = new double[_parameters.Count];
    }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The settings this trainer runs with.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Everything measured so far; a second <see cref="Run"/> continues it.</summary>
    public TrainingHistory History { get; }

    /// <summary>
    /// Raised after every recorded step, after <see cref="TrainerOptions.Progress"/>: how a watcher
    /// (such as a live view) follows a trainer it did not build.
    /// </summary>
    public event Action<TrainingHistory>? StepRecorded;

    /// <summary>
    /// Raised when a run stops early because the learner interrupted it (<see cref="TrainingInterrupt"/>), with the
    /// last step that was completed and kept.
    /// </summary>
    public event Action<int>? Interrupted;

    /// <summary>Whether the last <see cref="Run"/> was interrupted before its planned steps (see <see cref="TrainingInterrupt"/>).</summary>
    public bool WasInterrupted { get; private set; }

    /// <summary>
    /// Trains for <paramref name="steps"/> more steps. <paramref name="step"/> receives the step
    /// number (continuing from earlier runs, starting at 1), must compute the loss and accumulate
    /// the gradients into the parameters (they are zero when it is called), and returns a
    /// <see cref="StepOutcome"/>. An interrupt (Jupyter's stop button, Ctrl+C: <see cref="TrainingInterrupt"/>) ends
    /// the run after the step in progress, keeping every completed step's update; <see cref="WasInterrupted"/> says so.
    /// </summary>
    /// <returns>The <see cref="History"/>, for chaining.</returns>
    /// <exception cref="TrainingDivergedException">The loss or the gradient norm became NaN or infinite;
    /// the message names the step. The failing step's update is not applied.</exception>
    public TrainingHistory Run(int steps, Func<int, StepOutcome> step)
    {
        if (steps <= 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be a positive number of training steps, e.g. 1000.");
        ArgumentNullException.ThrowIfNull(step);

        _wallClock.Start();
        WasInterrupted = false;
        TrainingInterrupt.RunStarted();
        try
        {
            int first = History.LastStep + 1;
            for (int n = first; n < first + steps; n++)
            {
                if (TrainingInterrupt.TakeRequest())
                {
                    WasInterrupted = true;
                    Interrupted?.Invoke(n - 1);
                    break;
                }
                TrainOneStep(n, step);
            }
        }
        finally
        {
            TrainingInterrupt.RunEnded();
            _wallClock.Stop();
        }
        return History;
    }

    void TrainOneStep(int n, Func<int, StepOutcome> step)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < _parameters.Count; i++) _parameters[i].ZeroGradient();

        var outcome = step(n);
        if (!double.IsFinite(outcome.Loss)) throw Diverged(n, "loss", outcome.Loss);
        if (outcome.Characters < 0)
            throw new InvalidOperationException($"The step function returned {outcome.Characters} characters at step {n}; it must be zero or more.");

        for (int i = 0; i < _parameters.Count; i++) _parameterNorms[i] = GradientClipping.Norm(_parameters[i]);
        var clipping = Clip();
        if (!double.IsFinite(clipping.NormBefore)) throw Diverged(n, "gradient norm", clipping.NormBefore);

        Optimizer.Step(_parameters);
        var stepTime = Stopwatch.GetElapsedTime(started);

        History.Record(n, outcome.Loss, clipping, _parameterNorms, outcome.Characters, stepTime, _wallClock.Elapsed);
        if (outcome.HiddenGradientNorms is { } hidden && IsDue(n, Options.HiddenGradientNormsEvery))
            History.RecordHiddenGradientNorms(n, hidden);
        if (Options.Sampler is { } sampler && IsDue(n, Options.SampleEvery))
            History.RecordSample(n, sampler(n) ?? throw new InvalidOperationException($"The sampler returned null at step {n}; return the generated text."));
        Options.Progress?.Invoke(History);
        StepRecorded?.Invoke(History);
    }

    ClippingResult Clip()
    {
        double norm = 0;
        for (int i = 0; i < _parameterNorms.Length; i++) norm = double.Hypot(norm, _parameterNorms[i]);
        // Non-finite gradients are reported by the caller as divergence, not as a clipping error.
        if (!double.IsFinite(norm)) return new(norm, norm);

        double after = norm;
        if (Options.MaxGradientValue is double maxValue)
            after = GradientClipping.ByValue(_parameters, maxValue).NormAfter;
        if (Options.MaxGradientNorm is double maxNorm)
            after = GradientClipping.ScaleDown(_parameters, maxNorm, after).NormAfter;   // the norm is known: no second pass
        return new ClippingResult(norm, after);
    }

    static bool IsDue(int step, int every) => step == 1 || step % every == 0;

    TrainingDivergedException Diverged(int step, string quantity, double value)
    {
        string last = History.Count == 0 ? "" : $" (the last finite loss was {History.LastLoss:G4} at step {History.LastStep})";
        string clipping = Options.MaxGradientNorm is double c
            ? $"clip the gradient harder (MaxGradientNorm is {c}; try {c / 5:G2})"
            : "clip the gradient (TrainerOptions.MaxGradientNorm = 5)";
        return new TrainingDivergedException(step, quantity, value,
            $"Training diverged at step {step}: the {quantity} became {(double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity")}{last}. " +
            $"The parameters were not updated with it. To fix it, {clipping}, " +
            $"or use a smaller learning rate (now {Optimizer.LearningRate:G4}; try {Optimizer.LearningRate / 10:G4}).");
    }
}
