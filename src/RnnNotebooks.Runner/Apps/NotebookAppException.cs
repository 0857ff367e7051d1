namespace RnnNotebooks.Runner.Apps;

/// <summary>
/// A notebook that cannot become a program as it is: something a notebook kernel allows and a C# program
/// does not. The message names the notebook, the cell (counting every cell from 1, markdown included,
/// as they appear in Jupyter) and the fix.
/// </summary>
public sealed class NotebookAppException(string notebookPath, int cell, string problem)
    : Exception($"{notebookPath}, cell {cell}: {problem}")
{
    /// <summary>The notebook, as the generator was given it.</summary>
    public string NotebookPath { get; } = notebookPath;

    /// <summary>The cell at fault, counting every cell from 1.</summary>
    public int Cell { get; } = cell;

    /// <summary>What is wrong and how to fix it.</summary>
    public string Problem { get; } = problem;
}
