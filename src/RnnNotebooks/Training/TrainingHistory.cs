namespace RnnNotebooks.Training;

/// <summary>
/// Everything a training run measured, step by step, ready for charts: the loss and its smoothed
/// curve, the global gradient norm before and after clipping, each parameter's gradient norm,
/// ‖∂L/∂hₜ‖ through time and generated text every N steps, and the time taken.
/// The <see cref="Trainer"/> fills it; a hand-written training loop can fill it too with
/// <see cref="Record"/>. Every array accessor returns a fresh copy in step order.
/// </summary>
/// <remarks>Not thread-safe: read it from the trainer's progress callback or after training.</remarks>
public sealed class TrainingHistory
{
    /// <summary>The default smoothing constant β of the loss's moving average (<see cref="LossSmoothing.DefaultBeta"/>).</summary>
    public const double DefaultSmoothing = LossSmoothing.DefaultBeta;

    readonly List<int> _steps = [];
    readonly List<double> _losses = [], _smoothed = [], _normsBefore = [], _normsAfter = [];
    readonly List<double> _stepSeconds = [], _elapsedSeconds = [];
    readonly List<int> _characters = [];
    readonly List<double>[] _parameterNorms;
    readonly string[] _parameterNames;
    readonly List<HiddenGradientNorms> _hiddenNorms = [];
    readonly List<GeneratedSample> _samples = [];
    double _trainingSeconds, _smoothingSum, _smoothingBetaPower = 1;
    long _totalCharacters;

    /// <summary>Creates an empty history for a model with the given parameter names (in model order).</summary>
    /// <param name="parameterNames">One name per parameter, e.g. from <c>model.Parameters.Select(p =&gt; p.Name)</c>.</param>
    /// <param name="smoothing">β in [0, 1) of the bias-corrected moving average of the loss (see <see cref="LossSmoothing"/>).</param>
    public TrainingHistory(IEnumerable<string> parameterNames, double smoothing = DefaultSmoothing)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        LossSmoothing.CheckBeta(smoothing, nameof(smoothing));
        _parameterNames = parameterNames.ToArray();
        _parameterNorms = _parameterNames.Select(_ => new List<double>()).ToArray();
        Smoothing = smoothing;
    }

    /// <summary>β of the smoothed loss: each step the average keeps β of itself and takes 1 − β of the new loss.</summary>
    public double Smoothing { get; }

    /// <summary>The names of the parameters whose gradient norms are recorded, in model order.</summary>
    public IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <summary>How many steps are recorded.</summary>
    public int Count => _steps.Count;

    /// <summary>The last recorded step number, or 0 before any.</summary>
    public int LastStep => Count == 0 ? 0 : _steps[^1];

    /// <summary>The last recorded loss (NaN before any step).</summary>
    public double LastLoss => Count == 0 ? double.NaN : _losses[^1];

    /// <summary>The last smoothed loss (NaN before any step).</summary>
    public double LastSmoothedLoss => Count == 0 ? double.NaN : _smoothed[^1];

    /// <summary>Step numbers, the x axis of every per-step chart.</summary>
    public int[] Steps => [.. _steps];

    /// <summary>The loss at each step.</summary>
    public double[] Losses => [.. _losses];

    /// <summary>The bias-corrected exponential moving average of the loss at each step (<see cref="LossSmoothing"/>, β = <see cref="Smoothing"/>).</summary>
    public double[] SmoothedLosses => [.. _smoothed];

    /// <summary>The global gradient norm at each step, before clipping.</summary>
    public double[] GradientNormsBeforeClipping => [.. _normsBefore];

    /// <summary>The global gradient norm at each step, after clipping (what the optimiser used).</summary>
    public double[] GradientNormsAfterClipping => [.. _normsAfter];

    /// <summary>Characters processed at each step.</summary>
    public int[] Characters => [.. _characters];

    /// <summary>Seconds spent in each step's zero-gradient, forward, backward, clipping and update.</summary>
    public double[] StepSeconds => [.. _stepSeconds];

    /// <summary>Wall-clock seconds since training began, at the end of each step (includes sampling and callbacks).</summary>
    public double[] ElapsedSeconds => [.. _elapsedSeconds];

    /// <summary>All characters processed so far.</summary>
    public long TotalCharacters => _totalCharacters;

    /// <summary>Total time in the training steps themselves (not sampling or callbacks).</summary>
    public TimeSpan TrainingTime => TimeSpan.FromSeconds(_trainingSeconds);

    /// <summary>Wall-clock time from the start of training to the last recorded step.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(Count == 0 ? 0 : _elapsedSeconds[^1]);

    /// <summary>Training speed: <see cref="TotalCharacters"/> / <see cref="TrainingTime"/> (0 before any step).</summary>
    public double CharactersPerSecond => _trainingSeconds > 0 ? _totalCharacters / _trainingSeconds : 0;

    /// <summary>‖∂L/∂hₜ‖ through time, recorded every N steps.</summary>
    public IReadOnlyList<HiddenGradientNorms> HiddenGradientNorms => _hiddenNorms;

    /// <summary>Generated text, recorded every N steps.</summary>
    public IReadOnlyList<GeneratedSample> Samples => _samples;

    /// <summary>The gradient norm of parameter number <paramref name="index"/> (model order) at each step, before clipping.</summary>
    public double[] ParameterGradientNorms(int index) =>
        (uint)index < (uint)_parameterNames.Length
            ? [.. _parameterNorms[index]]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be between 0 and {_parameterNames.Length - 1}: the history has {_parameterNames.Length} parameters.");

    /// <summary>The gradient norm of the parameter called <paramref name="name"/> at each step, before clipping.</summary>
    public double[] ParameterGradientNorms(string name)
    {
        int first = Array.IndexOf(_parameterNames, name);
        if (first < 0)
            throw new ArgumentException($"No parameter is called '{name}'. The recorded parameters are: {string.Join(", ", _parameterNames)}.", nameof(name));
        if (Array.LastIndexOf(_parameterNames, name) != first)
            throw new ArgumentException($"Several parameters are called '{name}': ask by index instead (model order).", nameof(name));
        return ParameterGradientNorms(first);
    }

    /// <summary>Records one training step.</summary>
    /// <param name="step">The step number; must be larger than the last one recorded.</param>
    /// <param name="loss">The step's loss (finite).</param>
    /// <param name="clipping">The global gradient norm before and after clipping.</param>
    /// <param name="parameterGradientNorms">Each parameter's gradient norm before clipping, in model order.</param>
    /// <param name="characters">Characters processed in the step.</param>
    /// <param name="stepTime">Time spent in the step itself.</param>
    /// <param name="elapsed">Wall-clock time since training began.</param>
    public void Record(int step, double loss, ClippingResult clipping, ReadOnlySpan<double> parameterGradientNorms,
        int characters, TimeSpan stepTime, TimeSpan elapsed)
    {
        CheckStep(step, allowEqual: false);
        if (!double.IsFinite(loss))
            throw new ArgumentOutOfRangeException(nameof(loss), loss, $"The loss at step {step} is not a finite number: training has diverged (try gradient clipping or a smaller learning rate).");
        if (parameterGradientNorms.Length != _parameterNames.Length)
            throw new ArgumentException($"Expected {_parameterNames.Length} parameter gradient norms (one per parameter), got {parameterGradientNorms.Length}.", nameof(parameterGradientNorms));
        ArgumentOutOfRangeException.ThrowIfNegative(characters);

        _steps.Add(step);
        _losses.Add(loss);
        _smoothed.Add(LossSmoothing.Next(ref _smoothingSum, ref _smoothingBetaPower, loss, Smoothing));
        _normsBefore.Add(clipping.NormBefore);
        _normsAfter.Add(clipping.NormAfter);
        for (int i = 0; i < _parameterNorms.Length; i++) _parameterNorms[i].Add(parameterGradientNorms[i]);
        _characters.Add(characters);
        _stepSeconds.Add(stepTime.TotalSeconds);
        _elapsedSeconds.Add(elapsed.TotalSeconds);
        _trainingSeconds += stepTime.TotalSeconds;
        _totalCharacters += characters;
    }

    /// <summary>Records ‖∂L/∂hₜ‖ for each time step of the window trained at <paramref name="step"/> (copied).</summary>
    public void RecordHiddenGradientNorms(int step, IEnumerable<double> normPerTimeStep)
    {
        ArgumentNullException.ThrowIfNull(normPerTimeStep);
        CheckStep(step, allowEqual: true);
        _hiddenNorms.Add(new HiddenGradientNorms(step, normPerTimeStep.ToArray()));
    }

    /// <summary>Records text generated after <paramref name="step"/> steps (0: before training).</summary>
    public void RecordSample(int step, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckStep(step, allowEqual: true);
        _samples.Add(new GeneratedSample(step, text));
    }

    void CheckStep(int step, bool allowEqual)
    {
        // Samples and ∂L/∂hₜ norms may belong to any step already reached (0 = the untrained model);
        // training steps must go forward.
        bool ok = allowEqual ? step >= 0 && step <= LastStep : step > LastStep;
        if (!ok)
            throw new ArgumentOutOfRangeException(nameof(step), step, allowEqual
                ? $"step must be between 0 and the last recorded step {LastStep}: record the training step first."
                : $"step must come after the last recorded step {LastStep}.");
    }

    /// <summary>A one-line summary, e.g. for a console.</summary>
    public override string ToString() => Count == 0
        ? "Training history: no steps yet"
        : $"Training history: {Count} steps, loss {LastLoss:F4} (smoothed {LastSmoothedLoss:F4}), {CharactersPerSecond:F0} chars/s";
}
