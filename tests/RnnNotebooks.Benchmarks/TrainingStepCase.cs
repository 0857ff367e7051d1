using RnnNotebooks.Training;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// One row of the performance table: a model, the step function that runs its forward and backward
/// pass on one (synthetic) batch, and how many characters that step processes (B·T).
/// The harness adds what the <see cref="Trainer"/> adds around it: zeroing, clipping and Adam.
/// </summary>
/// <param name="Name">The row's label, e.g. "RNN H=100 T=25 B=1".</param>
/// <param name="Characters">Characters per step, B·T: chars/s = Characters / median step time.</param>
/// <param name="Create">Builds the model (seeded) and its step function; called once per benchmark process.</param>
public sealed record TrainingStepCase(string Name, int Characters, Func<(IModel Model, Func<int, StepOutcome> Step)> Create)
{
    // BenchmarkDotNet shows parameters by ToString.
    public override string ToString() => Name;
}
