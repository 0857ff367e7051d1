using System.Diagnostics;
using System.Globalization;
using RnnNotebooks.Cores;
using RnnNotebooks.Recurrent.Fast;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// <c>--cores</c>: the training-step rows on one core, on two, and with the default trial, in one
/// process, alternating the three every few steps. On a shared or virtual machine the speed of the
/// cores drifts by tens of percent from minute to minute; alternating finely gives each way the same
/// conditions, so their medians compare fairly even when the absolute figures drift.
/// </summary>
public static class CoreComparison
{
    static readonly (string Name, SplitPolicy Policy)[] Ways =
        [("one core", SplitPolicy.Never), ("two cores", SplitPolicy.Always), ("trial (default)", SplitPolicy.Trial)];

    public static void Run(int rounds = 40, int stepsPerRound = 10)
    {
        Console.WriteLine("| row | " + string.Join(" | ", Ways.Select(w => $"{w.Name}: chars/s (µs/step)")) + " |");
        Console.WriteLine("|---|" + string.Concat(Ways.Select(_ => "---|")));
        foreach (var row in TrainingStepCases.All())
        {
            var bench = new TrainingStepBenchmarks { Case = row };
            bench.Setup();
            var perStep = Ways.Select(_ => new List<double>()).ToArray();
            for (int i = 0; i < 3; i++) bench.TrainingStep();
            for (int round = 0; round < rounds; round++)
                for (int w = 0; w < Ways.Length; w++)
                {
                    SecondCore.Policy = Ways[w].Policy;
                    bench.TrainingStep();   // the first step after a switch warms the other core's caches
                    long start = Stopwatch.GetTimestamp();
                    for (int s = 0; s < stepsPerRound; s++) bench.TrainingStep();
                    perStep[w].Add(Stopwatch.GetElapsedTime(start).TotalSeconds / stepsPerRound);
                }
            SecondCore.Policy = SplitPolicy.Trial;
            var medians = perStep.Select(times => times.Order().ElementAt(times.Count / 2)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {string.Join(" | ", medians.Select(m => $"{row.Characters / m:N0} ({m * 1e6:N0})"))} |"));
        }
    }
}
