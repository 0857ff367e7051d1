namespace RnnNotebooks.Training;

/// <summary>
/// How a <see cref="Trainer"/> runs: clipping, what to record how often, and the callbacks for
/// samples and live progress. Every setting has a sensible default; set only what you need, e.g.
/// <c>new TrainerOptions { MaxGradientNorm = 5, SampleEvery = 100, Sampler = step =&gt; model.Generate("T", 200, new GreedySampler()) }</c>.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Clip the global gradient norm to this value before each update (null: no norm clipping).</summary>
    public double? MaxGradientNorm { get; init; }

    /// <summary>Clamp every gradient entry to [−value, value] before each update (null: no value clipping).
    /// When both are set, value clipping happens first.</summary>
    public double? MaxGradientValue { get; init; }

    /// <summary>β of the smoothed loss (see <see cref="TrainingHistory.Smoothing"/>).</summary>
    public double Smoothing { get; init; } = TrainingHistory.DefaultSmoothing;

    /// <summary>Record the step's ‖∂L/∂hₜ‖ (if the step function returns them) at step 1 and every this many steps.</summary>
    public int HiddenGradientNormsEvery { get; init; } = 100;

    /// <summary>Call <see cref="Sampler"/> at step 1 and every this many steps.</summary>
    public int SampleEvery { get; init; } = 100;

    /// <summary>Generates text from the model as trained so far; receives the step number. Null: no samples.</summary>
    public Func<int, string>? Sampler { get; init; }

    /// <summary>Called after every step with the history (e.g. by the live training view, which throttles itself).</summary>
    public Action<TrainingHistory>? Progress { get; init; }

    /// <summary>Throws if a setting is out of range, naming it.</summary>
    public void Validate()
    {
        CheckPositive(MaxGradientNorm, nameof(MaxGradientNorm), "5");
        CheckPositive(MaxGradientValue, nameof(MaxGradientValue), "5");
        if (Smoothing is not (>= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "Smoothing must be in [0, 1), e.g. 0.99.");
        if (HiddenGradientNormsEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(HiddenGradientNormsEvery), HiddenGradientNormsEvery, "HiddenGradientNormsEvery must be a positive number of steps, e.g. 100.");
        if (SampleEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(SampleEvery), SampleEvery, "SampleEvery must be a positive number of steps, e.g. 100.");
    }

    static void CheckPositive(double? threshold, string name, string typical)
    {
        if (threshold is double t && (!(t > 0) || double.IsInfinity(t)))
            throw new ArgumentOutOfRangeException(name, t, $"{name} must be a positive finite number (e.g. {typical}), or null for no clipping.");
    }
}
