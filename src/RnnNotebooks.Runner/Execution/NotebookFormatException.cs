namespace RnnNotebooks.Runner.Execution;

/// <summary>A file that cannot be run as a notebook: missing, not JSON, or not nbformat 4.</summary>
public sealed class NotebookFormatException(string path, string problem) : Exception($"{path}: {problem}")
{
    /// <summary>The file as the user named it.</summary>
    public string NotebookPath { get; } = path;

    /// <summary>What is wrong with it and, where we can tell, how to fix it.</summary>
    public string Problem { get; } = problem;
}
