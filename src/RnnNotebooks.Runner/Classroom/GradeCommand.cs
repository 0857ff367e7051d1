using System.Globalization;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// <c>grade SUBMISSIONS --out GRADEBOOK [--course FOLDER] [--jobs N] [--notebook-timeout S]
/// [--cell-timeout S] [--memory MB] [--disk MB] [--tmp MB] [--threads N] [--no-sandbox]</c>: packs the library from this checkout, then
/// grades every student's notebooks (<see cref="GradingRun"/>).
/// </summary>
public static class GradeCommand
{
    /// <summary>The usage line.</summary>
    public const string Usage = "grade SUBMISSIONS --out GRADEBOOK [--course FOLDER] [--jobs N] [--notebook-timeout SECONDS] [--cell-timeout SECONDS] [--memory MB] [--disk MB] [--tmp MB] [--threads N] [--no-sandbox]";

    /// <summary>Runs the command: 0 when grading ran (whatever the grades), 1 when it could not, 2 on bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string? submissions = null, output = null, course = null;
        var defaults = new GradeOptions("", "", "", []);
        int jobs = defaults.Jobs, memory = defaults.MemoryMegabytes, disk = defaults.DiskMegabytes, tmp = defaults.TmpMegabytes, threads = defaults.Threads;
        double cellSeconds = defaults.CellTimeout.TotalSeconds, notebookSeconds = defaults.NotebookTimeout.TotalSeconds;
        bool sandbox = true;
        for (int i = 0; i < args.Length; i++)
        {
            string? problem = args[i] switch
            {
                "--out" => Text(args, ref i, out output),
                "--course" => Text(args, ref i, out course),
                "--jobs" => Number(args, ref i, ref jobs),
                "--memory" => Number(args, ref i, ref memory),
                "--disk" => Number(args, ref i, ref disk),
                "--tmp" => Number(args, ref i, ref tmp),
                "--threads" => Number(args, ref i, ref threads),
                "--cell-timeout" => Seconds(args, ref i, ref cellSeconds),
                "--notebook-timeout" => Seconds(args, ref i, ref notebookSeconds),
                "--no-sandbox" => Flag(ref sandbox),
                var a when a.StartsWith("--", StringComparison.Ordinal) => $"Unknown option '{a}'.",
                var a when submissions is null => Set(out submissions, a),
                var a => $"Only one SUBMISSIONS folder is graded at a time; '{a}' is one too many.",
            };
            if (problem is not null) return Fail(problem);
        }
        if (submissions is null || output is null) return Fail("Name the submissions folder and the gradebook folder (--out).");
        if (!Directory.Exists(submissions)) return Fail($"{submissions}: no such folder. SUBMISSIONS holds one folder per student with their NN-name.ipynb files.");

        try
        {
            string root = RepositoryRoot.Find();
            course ??= Path.Combine(root, "notebooks");
            if (!Directory.Exists(course)) return Fail($"{course}: no such folder (--course names the folder of course notebooks).");
            var library = LocalFeed.EnsureFresh(root, Console.Out);
            Console.WriteLine($"Library: RnnNotebooks {library.Version} from {library.FeedFolder}");
            var options = new GradeOptions(Path.GetFullPath(submissions), Path.GetFullPath(output), Path.GetFullPath(course), [library.FeedFolder])
            {
                Jobs = jobs,
                MemoryMegabytes = memory,
                DiskMegabytes = disk,
                TmpMegabytes = tmp,
                Threads = threads,
                CellTimeout = TimeSpan.FromSeconds(cellSeconds),
                NotebookTimeout = TimeSpan.FromSeconds(notebookSeconds),
                UseSandbox = sandbox,
            };
            await GradingRun.RunAsync(options, Console.Out);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or ExerciseFormatException or NotebookFormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    static int Fail(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"Usage: {Usage}");
        return 2;
    }

    static string? Set(out string? target, string value)
    {
        target = value;
        return null;
    }

    static string? Flag(ref bool sandbox)
    {
        sandbox = false;
        return null;
    }

    static string? Text(string[] args, ref int i, out string? target)
    {
        target = i + 1 < args.Length ? args[++i] : null;
        return target is null ? $"{args[i]} needs a folder." : null;
    }

    static string? Number(string[] args, ref int i, ref int target)
    {
        string option = args[i];
        if (i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
        {
            target = value;
            return null;
        }
        return $"{option} needs a positive whole number.";
    }

    static string? Seconds(string[] args, ref int i, ref double target)
    {
        string option = args[i];
        if (i + 1 < args.Length && double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0)
        {
            target = value;
            return null;
        }
        return $"{option} needs a positive number of seconds, e.g. {option} 120.";
    }
}
