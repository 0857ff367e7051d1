using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// The cells grading leaves out: those after the last checks, and those the course tags skip-when-grading,
/// decided by the course notebook alone, in the reference copy and every graded copy alike.
/// </summary>
public sealed class UngradedCellsTests
{
    static JsonObject Tagged(JsonObject cell, string tag = UngradedCells.Tag)
    {
        ((JsonObject)cell["metadata"]!)["tags"] = new JsonArray(tag);
        return cell;
    }

    /// <summary>The tiny course with a training cell before the second exercise, tagged to be left out.</summary>
    static JsonObject[] CourseCells()
    {
        var cells = TinyCourse.Cells("P, 1.0.0").ToList();
        cells.Insert(cells.FindIndex(c => (string?)c["id"] == "exercise-1-2"), Tagged(Code("train", "Thread.Sleep(30_000); // trains for the lesson")));
        return [.. cells];
    }

    static readonly ExerciseSheet Course = ExerciseSheet.Parse(Document(TinyCourse.FileName, CourseCells()));

    static string[] Ids(NotebookDocument notebook) => [.. notebook.Cells.Select(c => (string)c["id"]!)];

    static NotebookDocument Student(Action<JsonArray>? edit = null)
    {
        var root = StudentVersion.Create(Course, "student.ipynb").CopyJson();
        edit?.Invoke((JsonArray)root["cells"]!);
        return NotebookDocument.FromJson("student.ipynb", root);
    }

    static JsonObject Cell(JsonArray cells, string id) => cells.OfType<JsonObject>().Single(c => (string?)c["id"] == id);

    static readonly string[] Run =
        ["intro", "setup", "before-1", "exercise-1-1", "between-1", "exercise-1-1-checks", "exercise-1-1-checks-hidden", "exercise-1-2", "exercise-1-2-checks"];

    [Fact]
    public void The_tagged_cell_and_the_cells_after_the_last_checks_are_left_out_of_both_copies()
    {
        Assert.Equal(["train"], Course.SkippedCellIds);
        Assert.Equal(Run, Ids(GradedCopy.Reference(Course, "reference.ipynb")));
        Assert.Equal(Run, Ids(GradedCopy.Create(Student(), Course, "graded.ipynb").Notebook));
        Assert.Equal("runs 5 of 7 code cells (1 tagged skip-when-grading, 1 after the last checks left out)", UngradedCells.Summary(Course));
    }

    [Fact]
    public void The_held_back_cell_numbers_count_the_cells_that_run()
    {
        var (graded, heldBack) = GradedCopy.Create(Student(), Course, "graded.ipynb");
        int number = Assert.Single(heldBack.Keys);
        Assert.Equal("exercise-1-1-checks" + GradedCopy.HiddenSuffix, (string?)graded.CodeCells[number - 1]["id"]);
    }

    [Fact]
    public void A_submission_cannot_skip_its_own_cells_by_tagging_them_nor_run_a_skipped_cell_by_untagging_it()
    {
        var student = Student(cells =>
        {
            Tagged(Cell(cells, "exercise-1-1"));
            ((JsonObject)Cell(cells, "train")["metadata"]!).Remove("tags");
        });
        Assert.Equal(Run, Ids(GradedCopy.Create(student, Course, "graded.ipynb").Notebook));
    }

    [Fact]
    public void Code_a_submission_adds_after_the_last_checks_does_not_run()
    {
        var student = Student(cells => cells.Add(Code("late", "File.WriteAllText(\"grade.txt\", \"full marks\");")));
        Assert.DoesNotContain("late", Ids(GradedCopy.Create(student, Course, "graded.ipynb").Notebook));
    }

    [Fact]
    public void Other_tags_leave_a_cell_in()
    {
        var cells = TinyCourse.Cells("P, 1.0.0");
        Tagged(cells.Single(c => (string?)c["id"] == "before-1"), "hide-input");
        Assert.Empty(ExerciseSheet.Parse(Document(TinyCourse.FileName, cells)).SkippedCellIds);
    }

    [Theory]
    [InlineData("exercise-1-1")]
    [InlineData("exercise-1-1-checks")]
    public void Exercise_and_checks_cells_cannot_be_tagged(string id)
    {
        var cells = TinyCourse.Cells("P, 1.0.0");
        Tagged(cells.Single(c => (string?)c["id"] == id));
        var error = Assert.Throws<ExerciseFormatException>(() => ExerciseSheet.Parse(Document(TinyCourse.FileName, cells)));
        Assert.Contains($"is tagged {UngradedCells.Tag}, but exercise and checks cells are what grading runs. Remove the tag.", error.Message);
    }

    [Fact]
    public void A_tagged_cell_needs_an_id_to_be_found_in_submissions()
    {
        var cells = TinyCourse.Cells("P, 1.0.0").ToList();
        var train = Tagged(Code("x", "int trained = 1;"));
        train.Remove("id");
        cells.Insert(2, train);
        var error = Assert.Throws<ExerciseFormatException>(() => ExerciseSheet.Parse(Document(TinyCourse.FileName, [.. cells])));
        Assert.Contains("has no id, so the grader cannot find it in a submission", error.Message);
    }

    [Fact]
    public void A_reference_run_that_fails_without_a_tagged_cell_names_the_cell_and_the_tag()
    {
        var reference = GradedCopy.Reference(Course, "reference.ipynb");
        int checks = reference.CodeCells.Select((c, i) => ((string?)c["id"], i + 1)).Single(x => x.Item1 == "exercise-1-2-checks").Item2;
        var outcome = new NotebookOutcome("reference.ipynb", NotebookStatus.Failed, checks - 1, reference.CodeCells.Count, 1,
            Failure: new CellFailure(checks, "", "error CS0103: The name 'trained' does not exist in the current context"), Executed: reference);
        var error = Assert.Throws<InvalidOperationException>(() => ExpectedChecks.Read(Course, reference, outcome));
        Assert.Contains("cell exercise-1-2-checks failed when the course notebook ran alone: error CS0103", error.Message);
        Assert.Contains("Grading leaves out the cells tagged skip-when-grading (train): if this cell needs one of them, untag that one or tag this one too.", error.Message);
    }
}
