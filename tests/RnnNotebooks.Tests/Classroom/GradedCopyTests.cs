using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

public sealed class GradedCopyTests
{
    static readonly ExerciseSheet Course = ExerciseSheet.Parse(Document(TinyCourse.FileName, TinyCourse.Cells("P, 1.0.0")));

    static NotebookDocument StudentVersion() => RnnNotebooks.Runner.Classroom.StudentVersion.Create(Course, "student.ipynb");

    static NotebookDocument Edit(Action<JsonArray> edit)
    {
        var root = StudentVersion().CopyJson();
        edit((JsonArray)root["cells"]!);
        return NotebookDocument.FromJson("student.ipynb", root);
    }

    static int IndexOf(JsonArray cells, string id) => cells.Select((c, i) => ((string?)c!["id"], i)).Single(x => x.Item1 == id).i;

    static string[] Ids(NotebookDocument notebook) => notebook.Cells.Select(c => (string)c["id"]!).ToArray();

    static string Source(NotebookDocument notebook, string id) => NotebookDocument.SourceOf(notebook.Cells.Single(c => (string?)c["id"] == id));

    static NotebookDocument Graded(NotebookDocument student) => GradedCopy.Create(student, Course, "graded.ipynb").Notebook;

    const string VisibleChecks1 = """
        // Checks for Exercise 1.1
        RnnNotebooks.Classroom.Check.Equal(Square(3), expected: default!, hint: "Square(3) should be 9");
        """;

    /// <summary>The ids of the student's cells grading runs: all but the cell after the last checks (UngradedCells).</summary>
    static string[] RunIds(NotebookDocument student) => Ids(student).Where(id => id != "after").ToArray();

    /// <summary>The ids of the graded copy without the hidden tests' cells, which only it has.</summary>
    static string[] StudentIds(NotebookDocument graded) => Ids(graded).Where(id => !id.EndsWith(GradedCopy.HiddenSuffix, StringComparison.Ordinal)).ToArray();

    [Fact]
    public void The_submissions_copy_has_no_expected_value_and_its_hidden_tests_are_held_back_until_they_run()
    {
        var (graded, heldBack) = GradedCopy.Create(StudentVersion(), Course, "graded.ipynb");
        string file = graded.ToText();
        Assert.DoesNotContain("expected: () =>", file);
        Assert.DoesNotContain("Square(-4)", file);
        Assert.DoesNotContain("16", Source(graded, "exercise-1-1-checks" + GradedCopy.HiddenSuffix));
        var hiddenCell = graded.CodeCells.Select((c, i) => (Id: (string?)c["id"], Number: i + 1)).Single(x => x.Id == "exercise-1-1-checks" + GradedCopy.HiddenSuffix);
        Assert.Equal([hiddenCell.Number], heldBack.Keys);
        Assert.Equal("RnnNotebooks.Classroom.Check.Equal(Square(-4), expected: default!, hint: \"a negative number squared is positive\");\n", heldBack[hiddenCell.Number]);
        Assert.True(NotebookExecution.IsHeldBack(graded.CodeCells[hiddenCell.Number - 1]));
    }

    [Fact]
    public void The_reference_copy_keeps_every_expected_value_and_splits_the_hidden_tests_off_the_same_way()
    {
        var reference = GradedCopy.Reference(Course, "reference.ipynb");
        Assert.Equal(Ids(Graded(StudentVersion())), Ids(reference));
        Assert.Contains("expected: () => 16", Source(reference, "exercise-1-1-checks" + GradedCopy.HiddenSuffix));
        Assert.Contains("expected: () => 9", Source(reference, "exercise-1-1-checks"));
    }

    [Fact]
    public void Hidden_tests_come_back_and_the_students_code_stays()
    {
        var student = Edit(cells => NotebookDocument.SetSource((JsonObject)cells[IndexOf(cells, "exercise-1-1")]!, "int Square(int x) => x * x;"));
        var graded = Graded(student);
        Assert.Equal(VisibleChecks1, Source(graded, "exercise-1-1-checks"));
        Assert.Equal("int Square(int x) => x * x;", Source(graded, "exercise-1-1"));
        Assert.Equal(RunIds(student), StudentIds(graded));
    }

    [Fact]
    public void Edited_checks_are_replaced_by_the_teachers_with_outputs_cleared()
    {
        var student = Edit(cells =>
        {
            var checks = (JsonObject)cells[IndexOf(cells, "exercise-1-2-checks")]!;
            NotebookDocument.SetSource(checks, "// Checks for Exercise 1.2\n// nothing to see here");
            checks["metadata"] = new JsonObject();
            NotebookDocument.SetOutputs(checks, 7, [new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = "✓ PASS" } }]);
        });
        var graded = Graded(student);
        var checks = graded.Cells.Single(c => (string?)c["id"] == "exercise-1-2-checks");
        Assert.Equal(TinyCourse.Checks2.Replace("expected: () => 6", "expected: default!"), NotebookDocument.SourceOf(checks));
        Assert.Empty((JsonArray)checks["outputs"]!);
        Assert.False((bool)checks["metadata"]!["editable"]!);
    }

    [Fact]
    public void A_deleted_checks_cell_is_inserted_after_its_exercise()
    {
        var student = Edit(cells => cells.RemoveAt(IndexOf(cells, "exercise-1-1-checks")));
        var graded = Graded(student);
        var ids = Ids(graded);
        Assert.Equal(Array.IndexOf(ids, "exercise-1-1") + 1, Array.IndexOf(ids, "exercise-1-1-checks"));
        Assert.Equal(Array.IndexOf(ids, "exercise-1-1") + 2, Array.IndexOf(ids, "exercise-1-1-checks" + GradedCopy.HiddenSuffix));
        Assert.Equal(VisibleChecks1, Source(graded, "exercise-1-1-checks"));
    }

    [Fact]
    public void A_copied_checks_cell_runs_once()
    {
        var student = Edit(cells => cells.Add(cells[IndexOf(cells, "exercise-1-2-checks")]!.DeepClone()));
        var graded = Graded(student);
        Assert.Single(graded.Cells, c => (string?)c["id"] == "exercise-1-2-checks");
    }

    [Fact]
    public void With_the_exercise_and_its_checks_deleted_nothing_is_inserted()
    {
        var student = Edit(cells =>
        {
            cells.RemoveAt(IndexOf(cells, "exercise-1-1-checks"));
            cells.RemoveAt(IndexOf(cells, "exercise-1-1"));
        });
        var graded = Graded(student);
        Assert.Equal(RunIds(student), StudentIds(graded));
    }

    [Fact]
    public void The_submission_is_not_changed()
    {
        var student = StudentVersion();
        string before = student.ToText();
        GradedCopy.Create(student, Course, "graded.ipynb");
        Assert.Equal(before, student.ToText());
    }
}
