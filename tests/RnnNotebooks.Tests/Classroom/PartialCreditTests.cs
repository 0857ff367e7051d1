using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Jupyter;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// Partial credit: an exercise with two solution regions, "square" (2 points) and "sum" (1 point), whose checks
/// name the region they decide; executed copies made by hand, as in <see cref="GradebookTests"/>.
/// </summary>
public sealed class PartialCreditTests
{
    const string FileName = "01-parts.ipynb";

    const string ExerciseSource = """
        // Exercise 1.1: Return the square of x, and the sum of the numbers.
        int Square(int x)
        {
            // BEGIN SOLUTION square (2 points)
            return x * x;
            // END SOLUTION
        }
        int Sum(int[] numbers)
        {
            // BEGIN SOLUTION sum (1 point)
            return numbers.Sum();
            // END SOLUTION
        }
        """;

    const string ChecksSource = """
        // Checks for Exercise 1.1
        RnnNotebooks.Classroom.Check.Equal(Square(3), expected: () => 9, hint: "3 × 3", part: "square");
        RnnNotebooks.Classroom.Check.Equal(Sum([1, 2, 3]), expected: () => 6, hint: "1 + 2 + 3", part: "sum");
        // BEGIN HIDDEN TESTS
        RnnNotebooks.Classroom.Check.Equal(Square(-4), expected: () => 16, hint: "negative squared", part: "square");
        RnnNotebooks.Classroom.Check.Equal(Sum([Square(2)]), expected: () => 4, hint: "both", part: "square, sum");
        // END HIDDEN TESTS
        """;

    static readonly ExerciseSheet Course = ExerciseSheet.Parse(Document(FileName,
        Code("setup", "#r \"nuget: P, 1.0.0\""), Code("exercise-1-1", ExerciseSource), Checks("exercise-1-1-checks", ChecksSource)));

    static readonly NotebookDocument Graded = GradedCopy.Create(Course.Notebook, Course, "graded.ipynb").Notebook;
    static readonly NotebookOutcome Ran = new("graded.ipynb", NotebookStatus.Succeeded, 4, 4, 1, ExecutedPath: "executed.ipynb");
    const string Visible = "exercise-1-1-checks", Hidden = Visible + GradedCopy.HiddenSuffix;

    static CheckRecord Want(string what, int value, string part) => new(CheckRecord.Equal, 0, what, "hint", CheckValue.ExactOf(value), Passed: true, Part: part);

    static readonly ExpectedChecks Expected = new(new Dictionary<string, IReadOnlyList<CheckRecord>>
    {
        [Visible] = [Want("Square(3)", 9, "square"), Want("Sum([1, 2, 3])", 6, "sum")],
        [Hidden] = [Want("Square(-4)", 16, "square"), Want("Sum([Square(2)])", 4, "square, sum")],
    });

    static JsonObject Answers(params int[] values) => new()
    {
        ["output_type"] = "stream",
        ["name"] = "stdout",
        ["text"] = new JsonArray(string.Concat(values.Select(v => new CheckRecord(CheckRecord.Equal, 0, "x", null, CheckValue.ExactOf(v)).ToLine(CheckRecord.AnswerMarker) + "\n"))),
    };

    static ExerciseResult Score(int[] visible, int[] hidden, JsonObject? exerciseOutput = null)
    {
        var executed = NotebookDocument.FromJson("executed.ipynb", Graded.CopyJson());
        int count = 0;
        foreach (var cell in executed.CodeCells)
        {
            string? id = (string?)cell["id"];
            NotebookDocument.SetOutputs(cell, ++count, id == Visible ? [Answers(visible)] : id == Hidden ? [Answers(hidden)]
                : id == "exercise-1-1" && exerciseOutput is not null ? [exerciseOutput] : []);
        }
        return ExerciseScoring.Score(Course, Graded, executed, Ran, Expected, FileName).Single();
    }

    [Fact]
    public void Right_answers_earn_every_part()
    {
        var result = Score([9, 6], [16, 4]);
        Assert.Equal((3, ExerciseResult.Passed), (result.Points, result.Message));
        Assert.Equal([("square", 2, "passed"), ("sum", 1, "passed")], result.Parts.Select(p => (p.Label, p.Points, p.Message)));
    }

    [Fact]
    public void A_wrong_region_costs_its_own_points_only()
    {
        var squareWrong = Score([9, 6], [-16, 4]);
        Assert.Equal(1, squareWrong.Points);
        Assert.Equal([0, 1], squareWrong.Parts.Select(p => p.Points));
        Assert.Contains("hidden test 1: Square(-4)", squareWrong.Parts[0].Message);
        Assert.StartsWith("1 of 3 points (square 0/2, sum 1/1).", squareWrong.FeedbackText);
        Assert.DoesNotContain("Square(-4)", squareWrong.FeedbackText); // the student's page names no hidden test

        var sumWrong = Score([9, 7], [16, 4]);
        Assert.Equal((2, "✗ FAIL  Sum([1, 2, 3]): is 7, which is not the expected value. Hint: hint"), (sumWrong.Points, sumWrong.Message));
        Assert.Equal(ExerciseResult.Passed, sumWrong.Parts[0].Message);
    }

    [Fact]
    public void A_check_that_covers_both_regions_costs_both()
    {
        var both = Score([9, 6], [16, 5]);
        Assert.Equal(0, both.Points);
        Assert.All(both.Parts, p => Assert.Contains("Sum([Square(2)])", p.Message));
    }

    [Fact]
    public void An_error_in_the_exercise_or_a_missing_answer_is_no_partial_credit()
    {
        var error = new JsonObject { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = "boom", ["traceback"] = new JsonArray() };
        var broken = Score([9, 6], [16, 4], error);
        Assert.Equal((0, "boom"), (broken.Points, broken.Message));
        Assert.All(broken.Parts, p => Assert.Equal((0, "boom"), (p.Points, p.Message)));
        // The sum's check gave no answer: its part fails, the square's stands.
        var unanswered = Score([9], [16, 4]);
        Assert.Equal([2, 0], unanswered.Parts.Select(p => p.Points));
        Assert.Contains("gave no answer", unanswered.Parts[1].Message);
    }

    [Fact]
    public void The_gradebook_keeps_a_row_per_exercise_with_its_parts()
    {
        using var temp = new TempFolder();
        var result = Score([9, 6], [-16, 4]);
        var book = new Gradebook([new NotebookGrade(new Submission("ada", "ada/01-parts.ipynb"), "01-parts", [result], 1.0, null)], [], "none: test",
            new GradeOptions("subs", temp.Path, "course", []));
        book.Write(temp.Path);

        var row = Assert.Single(book.Rows);
        Assert.Equal(("1.1", 1, 3), (row.Exercise, row.Points, row.MaxPoints));
        Assert.Equal("square 0/2; sum 1/1", row.PartsText);
        var csv = File.ReadAllLines(Path.Combine(temp.Path, Gradebook.CsvFile));
        Assert.Equal("student,notebook,exercise,points,max_points,message,parts", csv[0]);
        Assert.EndsWith(",square 0/2; sum 1/1", csv[1]);
        Assert.Equal("ada,,total,1,3,,", csv[2]);
        var parts = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, Gradebook.JsonFile)))!["rows"]![0]!["parts"]!;
        Assert.Equal([("square", 0, 2), ("sum", 1, 1)], parts.Select(p => ((string)p!["part"]!, (int)p["points"]!, (int)p["max_points"]!)));
        string page = File.ReadAllText(Path.Combine(temp.Path, Gradebook.FeedbackFolder, "ada.html"));
        Assert.Contains("part square", page);
        Assert.DoesNotContain("Square(-4)", page);
    }

    [Fact]
    public void A_course_run_in_which_no_check_decided_a_region_cannot_be_graded()
    {
        var reference = GradedCopy.Reference(Course, "reference.ipynb");
        var executed = NotebookDocument.FromJson("reference.ipynb", reference.CopyJson());
        foreach (var cell in executed.CodeCells)
        {
            string? id = (string?)cell["id"];
            var lines = id == Visible ? [Want("Square(3)", 9, "square")] : id == Hidden ? new[] { Want("Square(-4)", 16, "square") } : [];
            NotebookDocument.SetOutputs(cell, 1, lines.Length == 0 ? [] : [new JsonObject
            {
                ["output_type"] = "stream", ["name"] = "stdout",
                ["text"] = new JsonArray(string.Concat(lines.Select(l => l.ToLine(CheckRecord.ExpectedMarker) + "\n"))),
            }]);
        }
        var outcome = new NotebookOutcome("reference.ipynb", NotebookStatus.Succeeded, 4, 4, 1, Executed: executed);
        var error = Assert.Throws<InvalidOperationException>(() => ExpectedChecks.Read(Course, reference, outcome));
        Assert.Contains("no check that ran covers the solution region \"sum\"", error.Message);
    }
}
