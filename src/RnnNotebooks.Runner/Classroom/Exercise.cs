namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// One exercise of a course notebook (README, "Classroom"): the code cell <c>exercise-N-M</c> the learner
/// completes, whose solution regions are replaced by a stub in the student version, and the cell
/// <c>exercise-N-M-checks</c> after it whose checks decide the points.
/// </summary>
/// <param name="Notebook">N: the notebook's number.</param>
/// <param name="Number">M: the exercise's number within the notebook, from 1.</param>
/// <param name="Title">The sentence after "// Exercise N.M:", saying what to write.</param>
/// <param name="Points">The sum of the points of its solution regions.</param>
/// <param name="Solutions">The solution regions of the exercise cell.</param>
/// <param name="HiddenTests">The hidden-test regions of the checks cell.</param>
public sealed record Exercise(int Notebook, int Number, string Title, int Points,
    IReadOnlyList<MarkedRegion> Solutions, IReadOnlyList<MarkedRegion> HiddenTests)
{
    /// <summary>
    /// The library members its solution may not use (the exercise cell's <c>// Forbidden:</c> line, README,
    /// "Classroom"): fully qualified type or member names, each with the 0-based line that declares it.
    /// </summary>
    public IReadOnlyList<ForbiddenName> Forbidden { get; init; } = [];

    /// <summary>"N.M", as the exercise is named in headers, stubs and the gradebook.</summary>
    public string Label => $"{Notebook}.{Number}";

    /// <summary>The exercise cell's id, <c>exercise-N-M</c>.</summary>
    public string CellId => $"exercise-{Notebook}-{Number}";

    /// <summary>The checks cell's id, <c>exercise-N-M-checks</c>.</summary>
    public string ChecksCellId => CellId + "-checks";

    /// <summary>What the stub of the student version throws.</summary>
    public string StubMessage => $"Exercise {Label}: {Title} Replace this line with your code.";
}
