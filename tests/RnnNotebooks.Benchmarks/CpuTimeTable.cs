using System.Diagnostics;
using System.Globalization;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// <c>--cpu-time</c>: the training-step rows timed by this process's CPU time, and by wall time in
/// the same runs. On a shared machine wall time counts the minutes other processes hold the cores;
/// CPU time counts only the step's own work (a warm step allocates almost nothing, so the garbage
/// collector's threads stay idle). Work split over two cores (Cores/SecondCore) adds the
/// worker's CPU time, spinning included: the wall-time column is the speed a learner sees, CPU time
/// the cost. Each row: warm-up, then the median of several runs of per-step time,
/// and the exact bytes one step allocates on this thread.
/// </summary>
public static class CpuTimeTable
{
    public static void Run(int runs = 7)
    {
        Console.WriteLine($"| row | chars/s (CPU time) | µs/step (CPU, median of {runs}) | chars/s (wall) | µs/step (wall, median of {runs}) | bytes/step |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in TrainingStepCases.All())
        {
            var bench = new TrainingStepBenchmarks { Case = row };
            bench.Setup();
            var process = Process.GetCurrentProcess();
            for (int i = 0; i < 3; i++) bench.TrainingStep();
            long before = GC.GetAllocatedBytesForCurrentThread();
            bench.TrainingStep();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

            // Steps per run: enough for about 50 ms of CPU time, judged from one timed step.
            var start = process.TotalProcessorTime;
            bench.TrainingStep();
            process.Refresh();
            double once = Math.Max((process.TotalProcessorTime - start).TotalSeconds, 1e-5);
            int steps = Math.Clamp((int)(0.05 / once), 1, 1000);
            var perStep = new double[runs];
            var wallPerStep = new double[runs];
            for (int r = 0; r < runs; r++)
            {
                process.Refresh();
                start = process.TotalProcessorTime;
                long wallStart = Stopwatch.GetTimestamp();
                for (int s = 0; s < steps; s++) bench.TrainingStep();
                wallPerStep[r] = Stopwatch.GetElapsedTime(wallStart).TotalSeconds / steps;
                process.Refresh();
                perStep[r] = (process.TotalProcessorTime - start).TotalSeconds / steps;
            }
            Array.Sort(perStep);
            Array.Sort(wallPerStep);
            double median = perStep[runs / 2], wall = wallPerStep[runs / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Characters / median:N0} | {median * 1e6:N0} | {row.Characters / wall:N0} | {wall * 1e6:N0} | {bytes:N0} |"));
        }
    }
}
