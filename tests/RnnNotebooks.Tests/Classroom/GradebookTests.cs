using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Jupyter;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>The grading rule applied to executed copies made by hand, and the gradebook files it produces.</summary>
public sealed class GradebookTests
{
    static readonly ExerciseSheet Course = ExerciseSheet.Parse(Document(TinyCourse.FileName, TinyCourse.Cells("P, 1.0.0")));
    static readonly NotebookDocument Graded = GradedCopy.Create(Course.Notebook, Course, "graded.ipynb").Notebook;
    static readonly NotebookOutcome Ran = new("graded.ipynb", NotebookStatus.Succeeded, 7, 7, 1, ExecutedPath: "executed.ipynb");

    const string Hidden1 = "exercise-1-1-checks" + GradedCopy.HiddenSuffix;

    /// <summary>What a run of the course alone expects: Square(3) = 9, then the hidden Square(-4) = 16; Sum = 6.</summary>
    static readonly ExpectedChecks Expected = new(new Dictionary<string, IReadOnlyList<CheckRecord>>
    {
        ["exercise-1-1-checks"] = [Want("Square(3)", 9, "Square(3) should be 9")],
        [Hidden1] = [Want("Square(-4)", 16, "a negative number squared is positive")],
        ["exercise-1-2-checks"] = [Want("Sum(new[] { 1, 2, 3 })", 6, "the sum of 1, 2, 3 is 6")],
    });

    static CheckRecord Want(string what, int value, string hint) => new(CheckRecord.Equal, 0, what, hint, CheckValue.ExactOf(value), Passed: true);

    /// <summary>A cell's output holding the answer line a check writes in the submission's process.</summary>
    static JsonObject Answer(object? value) => Stdout(new CheckRecord(CheckRecord.Equal, 0, "x", null, CheckValue.ExactOf(value)).ToLine(CheckRecord.AnswerMarker) + "\n");

    static JsonObject Stdout(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray(text) };

    /// <summary>The right answers, as an honest submission's checks write them.</summary>
    static readonly (string, JsonObject)[] RightAnswers = [("exercise-1-1-checks", Answer(9)), (Hidden1, Answer(16)), ("exercise-1-2-checks", Answer(6))];

    /// <summary>The graded copy as if every cell ran, with <paramref name="outputs"/> for some cells by id.</summary>
    static NotebookDocument Executed(params (string Id, JsonObject Output)[] outputs)
    {
        var executed = NotebookDocument.FromJson("executed.ipynb", Graded.CopyJson());
        int count = 0;
        foreach (var cell in executed.CodeCells)
            NotebookDocument.SetOutputs(cell, ++count, outputs.Where(o => o.Id == (string?)cell["id"]).Select(o => o.Output));
        return executed;
    }

    static JsonObject Error(string message) => new() { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = message, ["traceback"] = new JsonArray() };

    static JsonObject Html(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html }, ["metadata"] = new JsonObject() };

    static IReadOnlyList<ExerciseResult> Score(NotebookDocument? executed, NotebookOutcome? outcome = null, NotebookDocument? graded = null) =>
        ExerciseScoring.Score(Course, graded ?? Graded, executed, outcome ?? Ran, Expected, TinyCourse.FileName);

    [Fact]
    public void Cells_that_ran_cleanly_with_right_answers_earn_all_the_points()
    {
        var results = Score(Executed(RightAnswers));
        Assert.Equal([(2, "passed"), (1, "passed")], results.Select(r => (r.Points, r.Message)));
    }

    [Fact]
    public void A_wrong_answer_scores_zero_with_the_graders_own_verdict()
    {
        var results = Score(Executed(("exercise-1-1-checks", Answer(9)), (Hidden1, Answer(-12)), ("exercise-1-2-checks", Answer(6))));
        Assert.Equal((0, "✗ FAIL  hidden test 1: Square(-4): is -12, which is not the expected value. Hint: a negative number squared is positive"),
            (results[0].Points, results[0].Message));
        // The student's page names no hidden test.
        Assert.DoesNotContain("Square(-4)", results[0].FeedbackText);
        Assert.Contains("1 of 2 checks failed; the visible checks pass, the hidden tests", results[0].FeedbackText);
        Assert.Equal(1, results[1].Points);
    }

    [Fact]
    public void Printed_verdicts_count_for_nothing_only_answers_do()
    {
        string pass = RnnNotebooks.Display.CheckFormatter.ToHtml(new RnnNotebooks.Classroom.CheckResult(true, "Square(3)", "", null));
        string fail = RnnNotebooks.Display.CheckFormatter.ToHtml(new RnnNotebooks.Classroom.CheckResult(false, "Sum", "is off.", null));
        // PASS shown everywhere but no answers: nothing was answered, nothing passes.
        var silenced = Score(Executed(("exercise-1-1-checks", Html(pass)), (Hidden1, Html(pass)), ("exercise-1-2-checks", Html(pass))));
        Assert.All(silenced, r => Assert.Equal(0, r.Points));
        Assert.StartsWith("✗ FAIL  Square(3): gave no answer.", silenced[0].Message);
        // A FAIL the submission printed itself beside right answers changes nothing either.
        var shown = Score(Executed([.. RightAnswers, ("exercise-1-2-checks", Html(fail))]));
        Assert.Equal([2, 1], shown.Select(r => r.Points));
    }

    [Fact]
    public void Extra_broken_or_forged_answer_lines_score_zero()
    {
        var extra = Score(Executed([.. RightAnswers, ("exercise-1-2-checks", Answer(6))]));
        Assert.Equal(0, extra[1].Points);
        Assert.Contains("gave 2 answers for 1 checks", extra[1].Message);
        var broken = Score(Executed(("exercise-1-1-checks", Stdout(CheckRecord.AnswerMarker + "{not json\n")), (Hidden1, Answer(16)), ("exercise-1-2-checks", Answer("6"))));
        Assert.Equal((0, "✗ FAIL  Square(3): gave no answer. Hint: Square(3) should be 9"), (broken[0].Points, broken[0].Message));
        Assert.Equal((0, "✗ FAIL  Sum(new[] { 1, 2, 3 }): is \"6\", which is not the expected value. Hint: the sum of 1, 2, 3 is 6"), (broken[1].Points, broken[1].Message));
    }

    [Fact]
    public void An_error_in_the_exercise_cell_scores_zero_with_its_first_line()
    {
        var results = Score(Executed([.. RightAnswers, ("exercise-1-1", Error("System.NotImplementedException: Exercise 1.1: Return the square of x. Replace this line with your code.\n   at Submission#4"))]));
        Assert.Equal((0, "System.NotImplementedException: Exercise 1.1: Return the square of x. Replace this line with your code."), (results[0].Points, results[0].Message));
        Assert.Equal(1, results[1].Points);
    }

    [Fact]
    public void An_error_in_the_checks_cell_or_the_hidden_tests_scores_zero()
    {
        var results = Score(Executed([.. RightAnswers, ("exercise-1-2-checks", Error("(2,7): error CS0103: The name 'Sum' does not exist in the current context"))]));
        Assert.Equal((0, "(2,7): error CS0103: The name 'Sum' does not exist in the current context"), (results[1].Points, results[1].Message));
        var hidden = Score(Executed([.. RightAnswers, (Hidden1, Error("boom"))]));
        Assert.Equal((0, "boom"), (hidden[0].Points, hidden[0].Message));
        Assert.Contains("(its hidden tests) ended with Error", hidden[0].FeedbackText);
    }

    [Fact]
    public void Cells_at_or_after_the_cell_the_notebook_was_stopped_at_score_zero_with_the_reason()
    {
        int exercise2 = Graded.CodeCells.Select((c, i) => ((string?)c["id"], i + 1)).Single(x => x.Item1 == "exercise-1-2").Item2;
        var stop = new CellFailure(exercise2, "", "Cell 5 did not finish within 10 s and was stopped. Make the cell do less.\nmore");
        var results = Score(Executed(RightAnswers), Ran with { Stopped = stop });
        Assert.Equal(2, results[0].Points);
        // The student's numbering: the hidden tests' cell is not in their notebook.
        Assert.Equal((0, $"the notebook was stopped at cell {exercise2 - 1}: Cell 5 did not finish within 10 s and was stopped. Make the cell do less."), (results[1].Points, results[1].Message));
    }

    [Fact]
    public void Without_an_executed_copy_nothing_scores()
    {
        var results = Score(null, Ran with { Failure = new CellFailure(1, "", "Could not start the notebook's process") });
        Assert.All(results, r => Assert.Equal((0, "the notebook was stopped at cell 1: Could not start the notebook's process"), (r.Points, r.Message)));
    }

    [Fact]
    public void A_deleted_exercise_cell_scores_zero_and_says_where_to_get_it_back()
    {
        var root = Course.Notebook.CopyJson();
        var cells = (JsonArray)root["cells"]!;
        cells.Remove(cells.Single(c => (string?)c!["id"] == "exercise-1-1"));
        var graded = GradedCopy.Create(NotebookDocument.FromJson("s.ipynb", root), Course, "graded.ipynb").Notebook;
        var results = ExerciseScoring.Score(Course, graded, NotebookDocument.FromJson("e.ipynb", graded.CopyJson()), Ran, Expected, TinyCourse.FileName);
        Assert.Equal(0, results[0].Points);
        Assert.StartsWith("cell exercise-1-1 was deleted", results[0].Message);
        Assert.Contains($"student version of {TinyCourse.FileName}", results[0].Message);
    }

    [Fact]
    public void The_gradebook_has_a_row_per_exercise_totals_and_a_feedback_page_per_student()
    {
        using var temp = new TempFolder();
        var options = new GradeOptions("subs", temp.Path, "course", []) { MemoryMegabytes = 1024 };
        var passed = Score(Executed(RightAnswers));
        var failed = Score(Executed(
            ("exercise-1-1", Error("InvalidOperationException: bad, \"quoted\"\nline 2")),
            ("exercise-1-2-checks", Answer("<script>x</script>"))));
        var gradebook = new Gradebook(
            [new NotebookGrade(new Submission("zoe", "zoe/01-tiny.ipynb"), "01-tiny", failed, 3.5, null),
             new NotebookGrade(new Submission("adam", "adam/01-tiny.ipynb"), "01-tiny", passed, 2.0, null)],
            ["x/unknown.ipynb: not graded"], "none: test", options);
        gradebook.Write(temp.Path);

        Assert.Equal(""""
            student,notebook,exercise,points,max_points,message,parts
            adam,01-tiny,1.1,2,2,passed,
            adam,01-tiny,1.2,1,1,passed,
            zoe,01-tiny,1.1,0,2,"InvalidOperationException: bad, ""quoted""",
            zoe,01-tiny,1.2,0,1,"✗ FAIL  Sum(new[] { 1, 2, 3 }): is ""<script>x</script>"", which is not the expected value. Hint: the sum of 1, 2, 3 is 6",
            adam,,total,3,3,,
            zoe,,total,0,3,,

            """".Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(temp.Path, Gradebook.CsvFile)));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, Gradebook.JsonFile)))!;
        Assert.Equal("none: test", (string?)json["sandbox"]);
        Assert.Equal(1024, (int?)json["limits"]!["memory_mb"]);
        var row = json["rows"]![2]!;
        Assert.Equal(("zoe", "01-tiny", "1.1", 0, 2), ((string?)row["student"], (string?)row["notebook"], (string?)row["exercise"], (int?)row["points"], (int?)row["max_points"]));
        Assert.Equal(3, (int?)json["totals"]![0]!["points"]);
        Assert.Equal(3.5, (double?)json["totals"]![1]!["notebooks"]![0]!["seconds"]);
        Assert.Equal("x/unknown.ipynb: not graded", (string?)json["not_graded"]![0]);

        string page = File.ReadAllText(Path.Combine(temp.Path, Gradebook.FeedbackFolder, "zoe.html"));
        Assert.Contains("<h1>Feedback for zoe</h1>", page);
        Assert.Contains("0 of 3 points", page);
        Assert.Contains("<td>1.1</td><td>Return the square of x.</td><td>0/2</td>", page);
        Assert.Contains("Failed checks of exercise 1.2", page);
        Assert.DoesNotContain("<script>", page);
        Assert.DoesNotContain("Square(-4)", page); // no code, no hidden test
        Assert.True(File.Exists(Path.Combine(temp.Path, Gradebook.FeedbackFolder, "adam.html")));
    }
}
