using System.Globalization;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// <c>run [NOTEBOOK|FOLDER ...] [--cell-timeout SECONDS] [--output-limit CHARACTERS]</c>: packs the library from this checkout once,
/// then executes the notebooks (default: <c>notebooks/</c>) into <c>artifacts/executed</c> and <c>artifacts/site</c>.
/// </summary>
public static class RunCommand
{
    /// <summary>The time one cell may take unless <c>--cell-timeout</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The most characters of output a cell keeps unless <c>--output-limit</c> says otherwise: room for the
    /// course's largest cell (the chart library's script, about 3.6 million characters) several times over.
    /// </summary>
    public const int DefaultOutputLimit = 16_000_000;

    const string Usage = "Usage: run [NOTEBOOK|FOLDER ...] [--cell-timeout SECONDS] [--output-limit CHARACTERS] [--teacher-edition]";

    /// <summary>Parses the arguments and runs; exit code 0 only when every cell of every notebook succeeded.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var targets = new List<string>();
        var timeout = DefaultCellTimeout;
        int outputLimit = DefaultOutputLimit;
        bool teacherEdition = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--cell-timeout")
            {
                if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
                {
                    Console.Error.WriteLine("--cell-timeout needs a positive number of seconds, e.g. --cell-timeout 120.");
                    return 2;
                }
                timeout = TimeSpan.FromSeconds(seconds);
                i++;
            }
            else if (args[i] == "--output-limit")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out outputLimit) || outputLimit <= 0)
                {
                    Console.Error.WriteLine("--output-limit needs a positive number of characters, e.g. --output-limit 1000000.");
                    return 2;
                }
                i++;
            }
            else if (args[i] == "--teacher-edition") teacherEdition = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Unknown option '{args[i]}'. {Usage}");
                return 2;
            }
            else targets.Add(args[i]);
        }

        string root;
        PackedLibrary library;
        try
        {
            root = RepositoryRoot.Find();
            library = LocalFeed.EnsureFresh(root, Console.Out);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        if (targets.Count == 0) targets.Add(Path.Combine(root, "notebooks"));

        Console.WriteLine($"Library: RnnNotebooks {library.Version} from {library.FeedFolder}");
        var outcomes = await CourseRun.RunAsync(
            new RunOptions(targets, timeout, Path.Combine(root, "artifacts"), [library.FeedFolder], teacherEdition) { OutputLimit = outputLimit }, Console.Out);
        if (outcomes.Any(o => o.ExecutedPath is not null))
        {
            Console.WriteLine($"Pages: {Path.Combine(root, "artifacts", "site", "index.html")}");
            if (teacherEdition) Console.WriteLine($"Teacher's edition: {Path.Combine(root, "artifacts", "site-teacher", "index.html")}");
        }
        return outcomes.Any(o => o.Status == NotebookStatus.Succeeded)
               && outcomes.All(o => o.Status is NotebookStatus.Succeeded or NotebookStatus.Skipped) ? 0 : 1;
    }
}
