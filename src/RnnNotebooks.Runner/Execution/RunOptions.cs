namespace RnnNotebooks.Runner.Execution;

/// <summary>What <c>run</c> executes and where it writes.</summary>
/// <param name="Targets">Notebook files and folders (a folder means its own *.ipynb, not its sub-folders').</param>
/// <param name="CellTimeout">How long one cell may run before it is stopped.</param>
/// <param name="ArtifactsFolder">Executed copies go to <c>executed/</c> below it, pages to <c>site/</c>.</param>
/// <param name="PackageSources">Extra NuGet sources the notebooks restore from (the library's local feed).</param>
/// <param name="TeacherEdition">Also write the teacher's edition of the site (solutions and hidden tests shown) to <c>site-teacher/</c>.</param>
public sealed record RunOptions(IReadOnlyList<string> Targets, TimeSpan CellTimeout, string ArtifactsFolder, IReadOnlyList<string> PackageSources, bool TeacherEdition = false)
{
    /// <summary>The most characters of output one cell keeps (the rest is cut, with a note saying so).</summary>
    public int OutputLimit { get; init; } = RunCommand.DefaultOutputLimit;
}
