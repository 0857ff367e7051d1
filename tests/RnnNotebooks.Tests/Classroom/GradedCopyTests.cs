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

    [Fact]
    public void Hidden_tests_come_back_and_the_students_code_stays()
    {
        var student = Edit(cells => NotebookDocument.SetSource((JsonObject)cells[IndexOf(cells, "exercise-1-1")]!, "int Square(int x) => x * x;"));
        var graded = GradedCopy.Create(student, Course, "graded.ipynb");
        Assert.Equal(TinyCourse.Checks1, Source(graded, "exercise-1-1-checks"));
        Assert.Equal("int Square(int x) => x * x;", Source(graded, "exercise-1-1"));
        Assert.Equal(Ids(student), Ids(graded));
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
        var graded = GradedCopy.Create(student, Course, "graded.ipynb");
        var checks = graded.Cells.Single(c => (string?)c["id"] == "exercise-1-2-checks");
        Assert.Equal(TinyCourse.Checks2, NotebookDocument.SourceOf(checks));
        Assert.Empty((JsonArray)checks["outputs"]!);
        Assert.False((bool)checks["metadata"]!["editable"]!);
    }

    [Fact]
    public void A_deleted_checks_cell_is_inserted_after_its_exercise()
    {
        var student = Edit(cells => cells.RemoveAt(IndexOf(cells, "exercise-1-1-checks")));
        var graded = GradedCopy.Create(student, Course, "graded.ipynb");
        var ids = Ids(graded);
        Assert.Equal(Array.IndexOf(ids, "exercise-1-1") + 1, Array.IndexOf(ids, "exercise-1-1-checks"));
        Assert.Equal(TinyCourse.Checks1, Source(graded, "exercise-1-1-checks"));
    }

    [Fact]
    public void A_copied_checks_cell_runs_once()
    {
        var student = Edit(cells => cells.Add(cells[IndexOf(cells, "exercise-1-2-checks")]!.DeepClone()));
        var graded = GradedCopy.Create(student, Course, "graded.ipynb");
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
        var graded = GradedCopy.Create(student, Course, "graded.ipynb");
        Assert.Equal(Ids(student), Ids(graded));
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
