using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

public sealed class ExerciseSheetTests
{
    const string Name = "04-sample.ipynb";

    static JsonObject Exercise(string id = "exercise-4-1", string header = "// Exercise 4.1: Return one.", string body = "    // BEGIN SOLUTION (2 points)\n    return 1;\n    // END SOLUTION") =>
        Code(id, $"{header}\nint One()\n{{\n{body}\n}}");

    static JsonObject ChecksCell(string id = "exercise-4-1-checks", string source = "// Checks for Exercise 4.1\nCheck.Equal(One(), expected: () => 1, hint: \"one\");") => Checks(id, source);

    static ExerciseFormatException Malformed(params JsonObject[] cells) =>
        Assert.Throws<ExerciseFormatException>(() => ExerciseSheet.Parse(Document(Name, cells)));

    [Fact]
    public void A_well_formed_notebook_gives_its_exercises_with_titles_points_and_regions()
    {
        var sheet = ExerciseSheet.Parse(Document(Name,
            Markdown("intro", "# Four"),
            Code("setup", "var x = 1;"),
            Code("exercise-4-1", "// Exercise 4.1: Write the tanh step.\nvoid A()\n{\n    // BEGIN SOLUTION a (2 points)\n    x = 2;\n    // END SOLUTION\n}\nvoid B()\n{\n  // BEGIN SOLUTION b (1 point)\n  x = 3;\n  // END SOLUTION\n}"),
            Markdown("prose", "Prose may sit between an exercise and its checks."),
            Checks("exercise-4-1-checks", "// Checks for Exercise 4.1\nCheck.Equal(x, expected: () => 3, hint: \"x\", part: \"a, b\");\n// BEGIN HIDDEN TESTS\nCheck.Close(x, expected: () => 3.0, 1e-9, \"x\", part: \"b\");\n// END HIDDEN TESTS"),
            Exercise("exercise-4-2", "// Exercise 4.2: Return one.", "    // BEGIN SOLUTION (4 points)\n    return 1;\n    // END SOLUTION"),
            ChecksCell("exercise-4-2-checks", "// Checks for Exercise 4.2\nRnnNotebooks.Classroom.Check.Equal(One(), expected: () => 1, hint: \"one\");")));

        Assert.Equal(4, sheet.Number);
        Assert.Equal(["4.1", "4.2"], sheet.Exercises.Select(e => e.Label));
        var first = sheet.Exercises[0];
        Assert.Equal("Write the tanh step.", first.Title);
        Assert.Equal(3, first.Points);
        Assert.Equal([(3, 5, "    ", "a"), (9, 11, "  ", "b")], first.Solutions.Select(r => (r.Begin, r.End, r.Indent, r.Label)));
        Assert.Equal((2, 4), (first.HiddenTests.Single().Begin, first.HiddenTests.Single().End));
        Assert.Equal(("exercise-4-1", "exercise-4-1-checks"), (first.CellId, first.ChecksCellId));
        Assert.Equal(7, sheet.MaxPoints);
    }

    [Fact]
    public void A_notebook_without_exercises_has_an_empty_sheet()
    {
        var sheet = ExerciseSheet.Parse(Document("02-plain.ipynb", Code("a", "// BEGIN nothing\nvar x = 1;"), Markdown("m", "// BEGIN SOLUTION in prose is fine")));
        Assert.Empty(sheet.Exercises);
    }

    [Fact]
    public void Every_error_names_the_notebook_and_the_cell()
    {
        var e = Malformed(Exercise(body: "    // BEGIN SOLUTION (2 points)\n    return 1;"), ChecksCell());
        Assert.Equal(Name, e.NotebookPath);
        Assert.Equal("exercise-4-1", e.CellId);
        Assert.StartsWith($"{Name}: cell exercise-4-1: ", e.Message);
    }

    [Theory]
    [InlineData("    // BEGIN SOLUTION (2 points)\n    return 1;", "never closed", "// END SOLUTION")]
    [InlineData("    return 1;\n    // END SOLUTION", "never opened", "BEGIN marker")]
    [InlineData("    // BEGIN SOLUTION (2 points)\n    // BEGIN SOLUTION (1 point)\n    return 1;\n    // END SOLUTION\n    // END SOLUTION", "never nested", "Close the first")]
    [InlineData("    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION", "with points", "(2 points)")]
    [InlineData("    // BEGIN SOLUTION (0 points)\n    return 1;\n    // END SOLUTION", "0 points", "positive whole number")]
    [InlineData("    // begin solution (2 points)\n    return 1;\n    // END SOLUTION", "with points", "whole line")]
    [InlineData("    // BEGIN SOLUTION (2 points)\n    return 1;\n    // END SOLUTIONS", "not exactly an END marker", "// END SOLUTION")]
    [InlineData("    // BEGIN HIDDEN TESTS\n    return 1;\n    // END HIDDEN TESTS", "hidden-tests marker", "checks cell")]
    [InlineData("    return 1;", "no solution region", "BEGIN SOLUTION (2 points)")]
    public void Malformed_solution_markers_are_named_with_their_fix(string body, string problem, string fix)
    {
        var e = Malformed(Exercise(body: body), ChecksCell());
        Assert.Equal("exercise-4-1", e.CellId);
        Assert.Contains(problem, e.Message);
        Assert.Contains(fix, e.Message);
    }

    [Theory]
    [InlineData("// Checks for Exercise 4.1\n// BEGIN HIDDEN TESTS\nCheck.Equal(One(), expected: () => 1, hint: \"one\");", "never closed")]
    [InlineData("// Checks for Exercise 4.1\nCheck.Equal(One(), expected: () => 1, hint: \"one\");\n// BEGIN HIDDEN TESTS\n// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS", "never nested")]
    [InlineData("// Checks for Exercise 4.1\nCheck.Equal(One(), expected: () => 1, hint: \"one\");\n// BEGIN SOLUTION (1 point)\n// END SOLUTION", "solution marker")]
    [InlineData("// Checks for Exercise 4.1\n// BEGIN HIDDEN TESTS\nCheck.Equal(One(), expected: () => 1, hint: \"one\");\n// END HIDDEN TESTS", "no visible check")]
    [InlineData("// Checks for Exercise 4.1\n// Check.Equal(One(), expected: () => 1, hint: \"one\");\nif (One() != 1) throw new Exception();", "no visible check")]
    [InlineData("// Checks for Exercise 4.2\nCheck.Equal(One(), expected: () => 1, hint: \"one\");", "must start with the line \"// Checks for Exercise 4.1\"")]
    public void Malformed_checks_cells_are_named_with_their_fix(string source, string problem)
    {
        var e = Malformed(Exercise(), ChecksCell(source: source));
        Assert.Equal("exercise-4-1-checks", e.CellId);
        Assert.Contains(problem, e.Message);
    }

    const string TwoRegions = "    // BEGIN SOLUTION loss (2 points)\n    int a = 1;\n    // END SOLUTION\n    // BEGIN SOLUTION perplexity (1 point)\n    return a;\n    // END SOLUTION";

    [Fact]
    public void Each_region_of_an_exercise_with_several_is_labelled_and_tied_to_its_checks()
    {
        var sheet = ExerciseSheet.Parse(Document(Name, Exercise(body: TwoRegions),
            ChecksCell(source: "// Checks for Exercise 4.1\nCheck.Equal(One(), expected: () => 1, part: \"loss\");\n// BEGIN HIDDEN TESTS\nCheck.Equal(One(), expected: () => 1, part: \"perplexity, loss\");\n// END HIDDEN TESTS")));
        Assert.Equal([("loss", 2), ("perplexity", 1)], sheet.Exercises[0].Solutions.Select(r => (r.Label!, r.Points)));
        Assert.Equal(["loss", "perplexity"], SolutionParts.Covered(sheet.Exercises[0], "perplexity, loss").Select(r => r.Label).Order());
        // One region needs no label and its checks no part.
        Assert.Equal([null], ExerciseSheet.Parse(Document(Name, Exercise(), ChecksCell())).Exercises[0].Solutions.Select(r => r.Label));
    }

    [Theory]
    [InlineData(TwoRegions, "Check.Equal(One(), expected: () => 1, part: \"loss\");", "exercise-4-1-checks", "no check covers the solution region \"perplexity\"", "part: \"perplexity\"")]
    [InlineData(TwoRegions, "Check.Equal(One(), expected: () => 1, part: \"loss\");\nCheck.Equal(One(), expected: () => 1);", "exercise-4-1-checks", "does not say which solution region it checks", "part: \"loss\"")]
    [InlineData(TwoRegions, "Check.Equal(One(), expected: () => 1, part: \"loss\");\nCheck.Equal(One(), expected: () => 1, part: \"perplexty\");", "exercise-4-1-checks", "names \"perplexty\", which is not a label", "\"perplexity\"")]
    [InlineData(TwoRegions, "var p = \"loss\";\nCheck.Equal(One(), expected: () => 1, part: p);", "exercise-4-1-checks", "other than a string literal", "part: \"loss\"")]
    [InlineData("    // BEGIN SOLUTION (2 points)\n    int a = 1;\n    // END SOLUTION\n    // BEGIN SOLUTION b (1 point)\n    return a;\n    // END SOLUTION", "Check.Equal(One(), expected: () => 1);", "exercise-4-1", "has no label", "BEGIN SOLUTION loss (2 points)")]
    [InlineData("    // BEGIN SOLUTION a (2 points)\n    int a = 1;\n    // END SOLUTION\n    // BEGIN SOLUTION a (1 point)\n    return a;\n    // END SOLUTION", "Check.Equal(One(), expected: () => 1, part: \"a\");", "exercise-4-1", "two solution regions labelled \"a\"", "its own label")]
    [InlineData("    // BEGIN SOLUTION (2 points)\n    return 1;\n    // END SOLUTION", "Check.Equal(One(), expected: () => 1, part: \"loss\");", "exercise-4-1-checks", "not a label", "an unlabelled region")]
    public void A_region_no_check_covers_or_a_wrong_part_is_refused_with_the_fix(string body, string checks, string cell, string problem, string fix)
    {
        var e = Malformed(Exercise(body: body), ChecksCell(source: "// Checks for Exercise 4.1\n" + checks));
        Assert.Equal(cell, e.CellId);
        Assert.Contains(problem, e.Message);
        Assert.Contains(fix, e.Message);
    }

    [Fact]
    public void A_checks_cell_must_be_locked()
    {
        var unlocked = Code("exercise-4-1-checks", "// Checks for Exercise 4.1\nCheck.Equal(One(), expected: () => 1, hint: \"one\");");
        var e = Malformed(Exercise(), unlocked);
        Assert.Contains("\"editable\": false and \"deletable\": false", e.Message);
    }

    [Fact]
    public void An_exercise_without_its_checks_cell_next_is_an_error()
    {
        var missing = Malformed(Exercise(), Code("other", "var y = 2;"));
        Assert.Equal("exercise-4-1", missing.CellId);
        Assert.Contains("exercise-4-1-checks", missing.Message);
        Assert.Contains("found the cell other", missing.Message);
        Assert.Contains("no code cell", Malformed(Exercise()).Message);
    }

    [Fact]
    public void A_checks_cell_without_its_exercise_is_an_error()
    {
        var e = Malformed(ChecksCell());
        Assert.Equal("exercise-4-1-checks", e.CellId);
        Assert.Contains("no exercise cell before it", e.Message);
    }

    [Theory]
    [InlineData("exercise-4-1", "// Exercise 4.2: Return one.", "header says Exercise 4.2 but its id says 4.1")]
    [InlineData("exercise-4-1", "// Return one.", "must start with the line \"// Exercise 4.1: <title>\"")]
    [InlineData("exercise-4-1", "// Exercise 4.1:", "must start with the line")]
    [InlineData("exercise-5-1", "// Exercise 5.1: Return one.", "but this is notebook 4")]
    [InlineData("exercise-4-2", "// Exercise 4.2: Return one.", "make it number 1")]
    public void Ids_headers_and_numbers_must_agree(string id, string header, string problem)
    {
        var e = Malformed(Exercise(id, header), ChecksCell(id + "-checks", $"// Checks for Exercise {id[9]}.{id[11]}\nCheck.Equal(One(), expected: () => 1, hint: \"one\");"));
        Assert.Equal(id, e.CellId);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Duplicate_exercise_numbers_are_an_error()
    {
        var e = Malformed(Exercise(), ChecksCell(), Exercise(), ChecksCell());
        Assert.Equal("exercise-4-1", e.CellId);
        Assert.Contains("two cells have this id", e.Message);
    }

    [Fact]
    public void Markers_in_a_cell_that_is_not_an_exercise_are_an_error_asking_for_the_id()
    {
        var e = Malformed(Code("nb04-07", "// Exercise 4.1: Return one.\nint One()\n{\n    // BEGIN SOLUTION (2 points)\n    return 1;\n    // END SOLUTION\n}"));
        Assert.Equal("nb04-07", e.CellId);
        Assert.Contains("id exercise-N-M", e.Message);
    }

    [Fact]
    public void A_notebook_whose_name_has_no_number_cannot_have_exercises()
    {
        var e = Assert.Throws<ExerciseFormatException>(() => ExerciseSheet.Parse(Document("sample.ipynb", Exercise(), ChecksCell())));
        Assert.Contains("NN-name.ipynb", e.Message);
    }
}
