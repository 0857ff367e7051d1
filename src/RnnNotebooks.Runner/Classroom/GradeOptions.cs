namespace RnnNotebooks.Runner.Classroom;

/// <summary>What <c>grade</c> grades, where it writes, and the limits each submission runs under.</summary>
/// <param name="Submissions">One folder per student holding their NN-name.ipynb files.</param>
/// <param name="Gradebook">Where gradebook.csv, gradebook.json, feedback/ and executed/ go.</param>
/// <param name="Course">The course notebooks (the teacher's versions, with solutions and hidden tests).</param>
/// <param name="PackageSources">Extra NuGet sources the notebooks restore from (the library's local feed).</param>
public sealed record GradeOptions(string Submissions, string Gradebook, string Course, IReadOnlyList<string> PackageSources)
{
    /// <summary>Submissions graded at once.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>How long one cell may run.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long one submitted notebook may run in all.</summary>
    public TimeSpan NotebookTimeout { get; init; } = TimeSpan.FromSeconds(1200);

    /// <summary>The resident memory a submission's processes may use together, in MB.</summary>
    public int MemoryMegabytes { get; init; } = 2048;

    /// <summary>The most bytes, in MB, of files a submission may keep in its scratch folder (the graded copy, what its cells write).</summary>
    public int DiskMegabytes { get; init; } = 512;

    /// <summary>The size, in MB, of the sandbox's private /tmp (in memory; a write past it fails with "no space left").</summary>
    public int TmpMegabytes { get; init; } = 256;

    /// <summary>The most threads a submission's processes may run together (a .NET kernel uses about 40; processes count too).</summary>
    public int Threads { get; init; } = 512;

    /// <summary>The most characters of output one cell keeps.</summary>
    public int OutputLimit { get; init; } = 1_000_000;

    /// <summary>False to run without bubblewrap even where it works.</summary>
    public bool UseSandbox { get; init; } = true;
}
