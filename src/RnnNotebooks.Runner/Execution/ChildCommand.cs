namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// The hidden command a notebook's child process runs:
/// <c>__execute-notebook NOTEBOOK EXECUTED-COPY [--keep-going] [--output-limit CHARACTERS]</c>.
/// Each notebook gets its own process so that a cell that never ends can be stopped (.NET cannot abort
/// a thread) and no notebook's state leaks into the next.
/// </summary>
public static class ChildCommand
{
    /// <summary>The command's name; not listed in the usage text.</summary>
    public const string Name = "__execute-notebook";

    /// <summary>Run every cell even after one fails (grading).</summary>
    public const string KeepGoingOption = "--keep-going";

    /// <summary>Followed by the most characters of output one cell keeps.</summary>
    public const string OutputLimitOption = "--output-limit";

    /// <summary>Runs the notebook, reporting cells on the original standard output.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        bool keepGoing = false, valid = true;
        int? outputLimit = null;
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case KeepGoingOption: keepGoing = true; break;
                case OutputLimitOption when i + 1 < args.Length && int.TryParse(args[++i], out int limit) && limit > 0: outputLimit = limit; break;
                case var path when !path.StartsWith("--", StringComparison.Ordinal): paths.Add(path); break;
                default: valid = false; break;
            }
        }
        if (!valid || paths.Count != 2)
        {
            Console.Error.WriteLine($"{Name} expects NOTEBOOK EXECUTED-COPY [{KeepGoingOption}] [{OutputLimitOption} N]; it is started by 'run' and 'grade', not by hand.");
            return 2;
        }
        // Cells' console output is captured by the kernel by swapping Console.Out; reports go to the real stdout.
        var reports = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        try
        {
            var notebook = NotebookDocument.Load(paths[0]);
            // A held-back cell's code arrives on standard input, one JSON string a line, when the cell starts.
            var cellCode = new StreamReader(Console.OpenStandardInput());
            bool ok = await NotebookExecution.RunAsync(notebook, paths[1], r => reports.WriteLine(r.ToLine()), keepGoing, outputLimit,
                heldBackCode: async () => await cellCode.ReadLineAsync() is { } line ? DecodeCode(line) : null);
            return ok ? 0 : 1;
        }
        catch (NotebookFormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    static string? DecodeCode(string line)
    {
        try { return System.Text.Json.JsonSerializer.Deserialize<string>(line); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
