using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// <c>notebooks/exercises/</c>: the student version of every course notebook that has exercises, under
/// the course notebook's file name. The folder's <c>NN-*.ipynb</c> files belong to it: one whose course
/// notebook has no exercises (any more) is stale and removed.
/// </summary>
public static partial class ExercisesFolder
{
    /// <summary>The folder's name inside the course folder.</summary>
    public const string Name = "exercises";

    /// <summary>The command that brings the folder up to date.</summary>
    public const string Command = "dotnet run --project src/RnnNotebooks.Runner -c Release -- make-exercises";

    /// <summary>The course notebooks: <c>NN-*.ipynb</c> directly in <paramref name="courseFolder"/>, in order.</summary>
    public static IReadOnlyList<string> CourseNotebooks(string courseFolder) =>
        Directory.GetFiles(courseFolder, "*.ipynb", SearchOption.TopDirectoryOnly)
            .Where(f => Numbered().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();

    /// <summary>The exercise sheet of every course notebook, in order (those without exercises included).</summary>
    /// <exception cref="ExerciseFormatException">A notebook's exercises break the contract.</exception>
    /// <exception cref="NotebookFormatException">A file is not a notebook.</exception>
    public static IReadOnlyList<ExerciseSheet> Sheets(string courseFolder) =>
        CourseNotebooks(courseFolder).Select(ExerciseSheet.Load).ToList();

    /// <summary>The text each student version must have, by path, for the course notebooks that have exercises.</summary>
    public static IReadOnlyDictionary<string, string> Expected(string courseFolder)
    {
        string folder = Path.Combine(courseFolder, Name);
        return Sheets(courseFolder).Where(s => s.Exercises.Count > 0).ToDictionary(
            s => Path.Combine(folder, Path.GetFileName(s.Notebook.Path)),
            s => StudentVersion.Create(s, Path.Combine(folder, Path.GetFileName(s.Notebook.Path))).ToText());
    }

    /// <summary>What <see cref="Write"/> would change, one line each ("missing", "out of date", "stale"); empty when up to date.</summary>
    public static IReadOnlyList<string> Differences(string courseFolder)
    {
        var expected = Expected(courseFolder);
        var differences = new List<string>();
        foreach (var (path, text) in expected)
        {
            if (!File.Exists(path)) differences.Add($"{path} is missing");
            else if (File.ReadAllText(path) != text) differences.Add($"{path} is out of date");
        }
        differences.AddRange(Owned(courseFolder).Where(p => !expected.ContainsKey(p)).Select(p => $"{p} is stale (its course notebook has no exercises)"));
        return differences;
    }

    /// <summary>Writes every student version that changed and removes stale ones; returns what it did, one line each.</summary>
    /// <exception cref="ExerciseFormatException">A course notebook is malformed; nothing was written.</exception>
    public static IReadOnlyList<string> Write(string courseFolder)
    {
        var expected = Expected(courseFolder); // every notebook is checked before anything is written
        var done = new List<string>();
        foreach (var (path, text) in expected)
        {
            if (File.Exists(path) && File.ReadAllText(path) == text) { done.Add($"unchanged {path}"); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            done.Add($"wrote     {path}");
        }
        foreach (var stale in Owned(courseFolder).Where(p => !expected.ContainsKey(p)))
        {
            File.Delete(stale);
            done.Add($"removed   {stale} (its course notebook has no exercises)");
        }
        return done;
    }

    static IEnumerable<string> Owned(string courseFolder)
    {
        string folder = Path.Combine(courseFolder, Name);
        return Directory.Exists(folder) ? CourseNotebooks(folder) : [];
    }

    [GeneratedRegex(@"^\d+-.*\.ipynb$")]
    private static partial Regex Numbered();
}
