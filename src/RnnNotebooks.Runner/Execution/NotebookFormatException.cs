namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// A file that cannot be run as a notebook: missing, not JSON, not nbformat 4, or with a cell of the wrong
/// shape. <c>run</c>, <c>grade</c>, <c>make-exercises</c> and <c>make-apps</c> catch it and go on with the
/// other notebooks.
/// </summary>
public sealed class NotebookFormatException(string path, string problem, int? cell = null) : Exception($"{path}: {problem}")
{
    /// <summary>The file as the user named it.</summary>
    public string NotebookPath { get; } = path;

    /// <summary>What is wrong with it and, where we can tell, how to fix it.</summary>
    public string Problem { get; } = problem;

    /// <summary>The cell (counting every cell from 1) that is malformed, when one is.</summary>
    public int? Cell { get; } = cell;
}
