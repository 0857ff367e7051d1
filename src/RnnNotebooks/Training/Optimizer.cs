namespace RnnNotebooks.Training;

/// <summary>
/// An update rule: given parameters whose gradients a backward pass has filled, move each value a
/// little downhill. Optimisers keep their per-parameter state (velocities, running averages)
/// keyed by the <see cref="Parameter"/> object, so one optimiser serves one model.
/// </summary>
/// <remarks>
/// Updates work in place on the parameters' storage and allocate nothing once every parameter has
/// its state (from the second step on), so a training loop creates no garbage here.
/// </remarks>
public abstract class Optimizer
{
    readonly Dictionary<Parameter, double[][]> _state = [];
    double _learningRate;

    /// <summary>Creates an optimiser with learning rate <paramref name="learningRate"/>.</summary>
    protected Optimizer(double learningRate)
    {
        _learningRate = CheckRate(learningRate, nameof(learningRate));
    }

    /// <summary>The step size η.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = CheckRate(value, nameof(LearningRate));
    }

    /// <summary>How many updates this optimiser has made.</summary>
    public int StepCount { get; private set; }

    /// <summary>Updates every parameter from its gradient (the gradients are left as they are).</summary>
    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        StepCount++;
        // An index loop, not foreach: foreach over an interface allocates an enumerator every step.
        for (int i = 0; i < parameters.Count; i++) Update(parameters[i]);
    }

    /// <summary>Forgets the step count and every per-parameter state, as if the optimiser were new.</summary>
    public void Reset()
    {
        StepCount = 0;
        _state.Clear();
    }

    /// <summary>Throws unless <paramref name="rate"/> is a positive finite number.</summary>
    protected static double CheckRate(double rate, string name) =>
        rate > 0 && !double.IsInfinity(rate)
            ? rate
            : throw new ArgumentOutOfRangeException(name, rate, $"{name} must be a positive finite number, e.g. 0.01.");

    /// <summary>Throws unless <paramref name="fraction"/> (a momentum or a running average's decay) is in [0, 1).</summary>
    protected static double CheckDecay(double fraction, string name, double typical) =>
        fraction is >= 0 and < 1
            ? fraction
            : throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be in [0, 1), e.g. {typical}.");

    /// <summary>Updates one parameter in place from <see cref="Parameter.Gradient"/>.</summary>
    protected abstract void Update(Parameter parameter);

    /// <summary>How many state tensors the rule keeps per parameter (velocity, running averages).</summary>
    protected virtual int StateTensorCount => 0;

    /// <summary>
    /// State tensor number <paramref name="index"/> of <paramref name="parameter"/>, one number per
    /// entry (column-major, like the parameter's storage), zero before the first update.
    /// </summary>
    protected Span<double> State(Parameter parameter, int index)
    {
        if (!_state.TryGetValue(parameter, out var tensors))
        {
            tensors = new double[StateTensorCount][];
            for (int i = 0; i < tensors.Length; i++) tensors[i] = new double[parameter.Count];
            _state.Add(parameter, tensors);
        }
        return tensors[index];
    }
}
