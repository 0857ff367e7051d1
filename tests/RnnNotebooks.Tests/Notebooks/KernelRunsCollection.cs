namespace RnnNotebooks.Tests.Notebooks;

/// <summary>
/// Tests whose fixtures start notebook kernels of their own (grading submissions, executing fixture notebooks):
/// one class at a time, after every parallel collection (the course run's among them) has finished. Beside the
/// course run they took its cores: in CI notebook 04, 38 s alone, took 128 s while the hostile submissions were
/// graded, past the course's time guard, which is there to measure the notebooks, not the load beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelRunsCollection
{
    public const string Name = "Kernel runs, after the course";
}
