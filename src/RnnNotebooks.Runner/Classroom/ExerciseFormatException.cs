namespace RnnNotebooks.Runner.Classroom;

/// <summary>A course notebook whose exercise markup breaks the classroom contract (README, "Classroom").</summary>
public sealed class ExerciseFormatException(string notebookPath, string? cellId, string problem)
    : Exception($"{notebookPath}: {(cellId is null ? "" : $"cell {cellId}: ")}{problem}")
{
    /// <summary>The notebook file.</summary>
    public string NotebookPath { get; } = notebookPath;

    /// <summary>The cell at fault, when one is.</summary>
    public string? CellId { get; } = cellId;

    /// <summary>What is wrong and how to fix it.</summary>
    public string Problem { get; } = problem;
}
