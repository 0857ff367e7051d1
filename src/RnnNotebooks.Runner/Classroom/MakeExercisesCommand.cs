using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// <c>make-exercises [COURSE-FOLDER]</c>: writes the student versions of the course notebooks
/// (default <c>notebooks/</c>) to its <c>exercises/</c> folder. Every notebook is checked first; a
/// malformed one is named with its cell and the fix, and nothing is written.
/// </summary>
public static class MakeExercisesCommand
{
    /// <summary>Runs the command; 0 on success, 1 when a course notebook is malformed, 2 on bad arguments.</summary>
    public static int Run(string[] args)
    {
        if (args.Length > 1 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("Usage: make-exercises [COURSE-FOLDER]   (default: notebooks/ of this checkout)");
            return 2;
        }
        try
        {
            string course = args.Length == 1 ? args[0] : Path.Combine(RepositoryRoot.Find(), "notebooks");
            if (!Directory.Exists(course))
            {
                Console.Error.WriteLine($"{course}: no such folder. Name the folder that holds the course notebooks (NN-name.ipynb).");
                return 2;
            }
            var done = ExercisesFolder.Write(course);
            foreach (var line in done) Console.WriteLine(line);
            if (done.Count == 0) Console.WriteLine($"No notebook in {course} has exercises; nothing to write.");
            return 0;
        }
        catch (Exception e) when (e is ExerciseFormatException or NotebookFormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Nothing was written. Fix the notebook and run make-exercises again.");
            return 1;
        }
    }
}
