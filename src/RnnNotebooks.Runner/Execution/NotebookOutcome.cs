namespace RnnNotebooks.Runner.Execution;

/// <summary>How one notebook's run ended.</summary>
public enum NotebookStatus
{
    /// <summary>Every code cell ran without error.</summary>
    Succeeded,
    /// <summary>A cell failed, ran past the time limit, or the notebook's process died.</summary>
    Failed,
    /// <summary>The file could not be read as a notebook; nothing ran.</summary>
    Unreadable,
    /// <summary>The notebook is for another language's kernel (e.g. Python); nothing ran, and that is not a failure.</summary>
    Skipped,
}

/// <summary>The cell a notebook stopped at and why.</summary>
/// <param name="Cell">The code cell's number, from 1.</param>
/// <param name="Source">The cell's code.</param>
/// <param name="Message">The error, or why the cell was stopped.</param>
public sealed record CellFailure(int Cell, string Source, string Message);

/// <summary>The result of running one notebook.</summary>
/// <param name="Path">The notebook file as named on the command line or found in a folder.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="CellsRun">Code cells that finished without error.</param>
/// <param name="CellCount">Code cells in the notebook.</param>
/// <param name="Seconds">Wall-clock time including the kernel start.</param>
/// <param name="Failure">The failing cell, when one failed.</param>
/// <param name="Problem">Why the notebook failed or could not be read, in one line.</param>
/// <param name="ExecutedPath">The executed copy, when one was written.</param>
/// <param name="Stopped">The cell the process was stopped at (a time or memory limit) or died in; the cells after it never ran.</param>
/// <param name="Executed">The executed copy as read back (with the stop marked), when one could be read.</param>
public sealed record NotebookOutcome(
    string Path, NotebookStatus Status, int CellsRun, int CellCount, double Seconds,
    CellFailure? Failure = null, string? Problem = null, string? ExecutedPath = null, CellFailure? Stopped = null,
    NotebookDocument? Executed = null)
{
    /// <summary>The notebook's name: its file name without <c>.ipynb</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}
