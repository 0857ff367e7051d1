namespace RnnNotebooks.Training;

/// <summary>
/// An update rule: given parameters whose gradients a backward pass has filled, move each value a
/// little downhill. Optimisers keep their per-parameter state (velocities, running averages)
/// keyed by the <see cref="Parameter"/> object, so one optimiser serves one model.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimiser with learning rate <paramref name="learningRate"/>.</summary>
    protected Optimizer(double learningRate)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number, e.g. 0.01.");
        LearningRate = learningRate;
    }

    /// <summary>The step size η.</summary>
    public double LearningRate { get; set; }

    /// <summary>How many updates this optimiser has made.</summary>
    public int StepCount { get; private set; }

    /// <summary>Updates every parameter from its gradient (the gradients are left as they are).</summary>
    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        StepCount++;
        foreach (var p in parameters) Update(p);
    }

    /// <summary>Updates one parameter in place from <see cref="Parameter.Gradient"/>.</summary>
    protected abstract void Update(Parameter parameter);
}
