using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Feed;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// A course of one notebook, 01-tiny, with two tiny exercises (2 points and 1 point) whose checks are the
/// library's (<c>RnnNotebooks.Classroom.Check</c>, restored from the local feed as the course restores it).
/// </summary>
static class TinyCourse
{
    public const string FileName = "01-tiny.ipynb";

    /// <summary>The package line of the library packed from this checkout, and the feed it is in.</summary>
    public static (string Package, string Feed) Library()
    {
        var library = LocalFeed.EnsureFresh(RepositoryRoot.Find());
        return ($"RnnNotebooks, {library.Version}", library.FeedFolder);
    }

    public const string Exercise1 = """
        // Exercise 1.1: Return the square of x.
        // Multiply x by itself.
        int Square(int x)
        {
            // BEGIN SOLUTION (2 points)
            int squared = x * x;
            return squared;
            // END SOLUTION
        }
        """;

    public const string Checks1 = """
        // Checks for Exercise 1.1
        RnnNotebooks.Classroom.Check.Equal(Square(3), expected: () => 9, hint: "Square(3) should be 9");
        // BEGIN HIDDEN TESTS
        RnnNotebooks.Classroom.Check.Equal(Square(-4), expected: () => 16, hint: "a negative number squared is positive");
        // END HIDDEN TESTS
        """;

    public const string Exercise2 = """
        // Exercise 1.2: Return the sum of the numbers.
        int Sum(int[] numbers)
        {
            // BEGIN SOLUTION (1 point)
            return numbers.Sum();
            // END SOLUTION
        }
        """;

    public const string Checks2 = """
        // Checks for Exercise 1.2
        RnnNotebooks.Classroom.Check.Equal(Sum(new[] { 1, 2, 3 }), expected: () => 6, hint: "the sum of 1, 2, 3 is 6");
        """;

    /// <summary>The course notebook's cells; the first restores <paramref name="package"/> ("Id, Version") from the test's feed.</summary>
    public static JsonObject[] Cells(string package) =>
    [
        Markdown("intro", "# A tiny course\nTwo exercises."),
        Code("setup", $"#r \"nuget: {package}\""),
        Markdown("before-1", "Write `Square`."),
        Code("exercise-1-1", Exercise1),
        Markdown("between-1", "Run the checks."),
        Checks("exercise-1-1-checks", Checks1),
        Code("exercise-1-2", Exercise2),
        Checks("exercise-1-2-checks", Checks2),
        Code("after", "Console.WriteLine($\"done: {Square(2) + Sum(new[] { 1 })}\");"),
    ];

    /// <summary>Writes the course notebook into <paramref name="folder"/>.</summary>
    public static string Write(string folder, string package) => ExerciseNotebook.Write(folder, FileName, Cells(package));
}
