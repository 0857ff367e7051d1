using BenchmarkDotNet.Attributes;
using RnnNotebooks.Training;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// One bare training step, as the <see cref="Trainer"/> runs it but without the history or
/// sampling: zero the gradients → forward + backward (the case's step function) → clip by global
/// norm 5 → Adam. Time per step gives chars/s; the memory diagnoser gives bytes per step.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    IReadOnlyList<Parameter> _parameters = [];
    Func<int, StepOutcome> _step = _ => default;
    readonly Adam _adam = new(1e-3);
    int _stepNumber;

    /// <summary>The table row being measured.</summary>
    [ParamsSource(nameof(Cases))]
    public TrainingStepCase Case { get; set; } = null!;

    public static IEnumerable<TrainingStepCase> Cases => TrainingStepCases.All();

    [GlobalSetup]
    public void Setup()
    {
        var (model, step) = Case.Create();
        _parameters = model.Parameters;
        _step = step;
    }

    [Benchmark]
    public double TrainingStep()
    {
        for (int i = 0; i < _parameters.Count; i++) _parameters[i].ZeroGradient();
        var outcome = _step(++_stepNumber);
        GradientClipping.ByGlobalNorm(_parameters, 5.0);
        _adam.Step(_parameters);
        return outcome.Loss;
    }
}
