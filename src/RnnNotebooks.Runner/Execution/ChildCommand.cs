namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// The hidden command a notebook's child process runs: <c>__execute-notebook NOTEBOOK EXECUTED-COPY</c>.
/// Each notebook gets its own process so that a cell that never ends can be stopped (.NET cannot abort
/// a thread) and no notebook's state leaks into the next.
/// </summary>
public static class ChildCommand
{
    /// <summary>The command's name; not listed in the usage text.</summary>
    public const string Name = "__execute-notebook";

    /// <summary>Runs the notebook, reporting cells on the original standard output.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine($"{Name} expects NOTEBOOK EXECUTED-COPY; it is started by 'run', not by hand.");
            return 2;
        }
        // Cells' console output is captured by the kernel by swapping Console.Out; reports go to the real stdout.
        var reports = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        try
        {
            var notebook = NotebookDocument.Load(args[0]);
            bool ok = await NotebookExecution.RunAsync(notebook, args[1], r => reports.WriteLine(r.ToLine()));
            return ok ? 0 : 1;
        }
        catch (NotebookFormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
