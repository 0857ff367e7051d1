using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Jupyter;

namespace RnnNotebooks.Tests.Classroom;

public sealed class StudentVersionTests
{
    const string Package = "Some.Package, 1.0.0";

    static NotebookDocument Course()
    {
        var course = ExerciseNotebook.Document(TinyCourse.FileName, TinyCourse.Cells(Package));
        // A course notebook run in an editor may carry outputs: the student version must not.
        var first = course.CodeCells[0];
        NotebookDocument.SetOutputs(first, 3, [new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "leaked\n" }]);
        return course;
    }

    static string Source(NotebookDocument notebook, string id) => NotebookDocument.SourceOf(notebook.Cells.Single(c => (string?)c["id"] == id));

    [Fact]
    public void Each_solution_region_becomes_one_throw_of_the_exercise_message_at_the_markers_indentation()
    {
        var student = StudentVersion.Create(ExerciseSheet.Parse(Course()), "student.ipynb");
        Assert.Equal("""
            // Exercise 1.1: Return the square of x.
            // Multiply x by itself.
            int Square(int x)
            {
                throw new NotImplementedException("Exercise 1.1: Return the square of x. Replace this line with your code.");
            }
            """, Source(student, "exercise-1-1"));
        Assert.DoesNotContain("x * x", student.ToText());
    }

    [Fact]
    public void Hidden_tests_are_removed_and_visible_checks_kept()
    {
        var student = StudentVersion.Create(ExerciseSheet.Parse(Course()), "student.ipynb");
        Assert.Equal("// Checks for Exercise 1.1\nRnnNotebooks.Classroom.Check.Equal(Square(3), expected: () => 9, hint: \"Square(3) should be 9\");", Source(student, "exercise-1-1-checks"));
        Assert.DoesNotContain("HIDDEN", student.ToText());
        Assert.DoesNotContain("negative number squared", student.ToText());
    }

    [Fact]
    public void Outputs_are_cleared_and_everything_else_is_unchanged()
    {
        var course = Course();
        var student = StudentVersion.Create(ExerciseSheet.Parse(course), "student.ipynb");
        Assert.All(student.CodeCells, c =>
        {
            Assert.Empty((JsonArray)c["outputs"]!);
            Assert.Null(c["execution_count"]);
        });
        Assert.Equal(course.Cells.Select(c => (string?)c["id"]), student.Cells.Select(c => (string?)c["id"]));
        foreach (var id in new[] { "intro", "setup", "between-1", "exercise-1-2-checks", "after" })
            Assert.Equal(Source(course, id), Source(student, id));
        Assert.Equal(course.Cells.Select(c => c["metadata"]!.ToJsonString()), student.Cells.Select(c => c["metadata"]!.ToJsonString()));
        Assert.Equal(course.Metadata!.ToJsonString(), student.Metadata!.ToJsonString());
        Assert.Contains("leaked", course.ToText()); // the course notebook itself is not changed
    }

    [Fact]
    public void A_title_with_quotes_still_gives_a_valid_string_literal()
    {
        var course = ExerciseNotebook.Document("03-quotes.ipynb",
            ExerciseNotebook.Code("exercise-3-1", "// Exercise 3.1: Print \"hello\" with a \\n.\nvoid Hello()\n{\n    // BEGIN SOLUTION (1 point)\n    Console.WriteLine(\"hello\");\n    // END SOLUTION\n}"),
            ExerciseNotebook.Checks("exercise-3-1-checks", "// Checks for Exercise 3.1\nRnnNotebooks.Classroom.Check.Equal(1, expected: () => 1, hint: \"ran\");"));
        var student = StudentVersion.Create(ExerciseSheet.Parse(course), "s.ipynb");
        Assert.Contains("throw new NotImplementedException(\"Exercise 3.1: Print \\\"hello\\\" with a \\\\n. Replace this line with your code.\");", Source(student, "exercise-3-1"));
    }

    [Fact]
    public void Make_exercises_writes_byte_identical_files_and_removes_stale_ones()
    {
        using var temp = new TempFolder();
        string course = temp.Sub("notebooks");
        Directory.CreateDirectory(course);
        TinyCourse.Write(course, Package);
        ExerciseNotebook.Write(course, "02-no-exercises.ipynb", ExerciseNotebook.Code("a", "var a = 1;"));
        string exercises = Path.Combine(course, ExercisesFolder.Name);
        Directory.CreateDirectory(exercises);
        File.WriteAllText(Path.Combine(exercises, "02-no-exercises.ipynb"), "{}");   // stale: its notebook has no exercises
        File.WriteAllText(Path.Combine(exercises, "README.md"), "not ours");        // not a student version: left alone

        Assert.Equal(2, ExercisesFolder.Differences(course).Count);
        ExercisesFolder.Write(course);
        string written = Path.Combine(exercises, TinyCourse.FileName);
        byte[] first = File.ReadAllBytes(written);
        Assert.False(File.Exists(Path.Combine(exercises, "02-no-exercises.ipynb")));
        Assert.True(File.Exists(Path.Combine(exercises, "README.md")));
        Assert.Empty(ExercisesFolder.Differences(course));

        var again = ExercisesFolder.Write(course);
        Assert.Equal(first, File.ReadAllBytes(written));
        Assert.Equal([$"unchanged {written}"], again);

        File.AppendAllText(written, " ");
        Assert.Equal([$"{written} is out of date"], ExercisesFolder.Differences(course));
    }

    [Fact]
    public void Make_exercises_writes_nothing_when_a_notebook_is_malformed()
    {
        using var temp = new TempFolder();
        TinyCourse.Write(temp.Path, Package);
        ExerciseNotebook.Write(temp.Path, "02-broken.ipynb",
            ExerciseNotebook.Code("exercise-2-1", "// Exercise 2.1: Broken.\nvoid F()\n{\n    // BEGIN SOLUTION (1 point)\n}"));
        var e = Assert.Throws<ExerciseFormatException>(() => ExercisesFolder.Write(temp.Path));
        Assert.Contains("02-broken.ipynb: cell exercise-2-1: the region opened on line 4 is never closed", e.Message);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, ExercisesFolder.Name)));
    }
}
