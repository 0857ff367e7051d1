using System.Text.Json.Nodes;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>The quoted-figure check and the prose lint on small notebooks, without the course run.</summary>
public sealed class QuotedFiguresTests
{
    static JsonNode Notebook(string markdown, string printed, JsonArray? constants = null) => new JsonObject
    {
        ["cells"] = new JsonArray(
            new JsonObject
            {
                ["cell_type"] = "markdown", ["id"] = "result-prose",
                ["metadata"] = constants is null ? new JsonObject() : new JsonObject { ["constants"] = constants },
                ["source"] = markdown,
            },
            new JsonObject
            {
                ["cell_type"] = "code", ["id"] = "train", ["metadata"] = new JsonObject(), ["source"] = "",
                ["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = printed }),
            }),
    };

    [Fact]
    public void A_drifted_figure_fails_naming_the_notebook_the_cell_the_quoted_and_the_printed_value()
    {
        var drift = Assert.Single(QuotedFigures.Drifts("99-fixture", Notebook("The loss ends at 1.42<!-- figure: train -->.", "final loss 1.57\n")));
        Assert.Contains("99-fixture", drift);
        Assert.Contains("markdown cell result-prose (cell 1)", drift);
        Assert.Contains("quotes 1.42", drift);
        Assert.Contains("1.57", drift);
    }

    [Theory]
    [InlineData("The loss ends at 1.57<!-- figure: train -->.", "final loss 1.5731\n")]
    [InlineData("It took 12<!-- figure: ~train --> s.", "took 31.2 s\n")]
    [InlineData("Step 1,000<!-- figure: train --> printed it.", "step 1000\n")]
    public void A_figure_the_cell_prints_passes(string markdown, string printed) =>
        Assert.Empty(QuotedFigures.Drifts("99-fixture", Notebook(markdown, printed)));

    [Fact]
    public void A_loose_figure_an_order_of_magnitude_off_fails() =>
        Assert.Single(QuotedFigures.Drifts("99-fixture", Notebook("It took 2<!-- figure: ~train --> s.", "took 31.2 s\n")));

    [Fact]
    public void A_marker_naming_a_missing_cell_fails() =>
        Assert.Contains("does not exist", Assert.Single(QuotedFigures.Drifts("99-fixture", Notebook("Loss 1.5<!-- figure: nope -->.", "1.5"))));

    [Fact]
    public void The_lint_names_an_unmarked_number_and_passes_maths_code_figures_and_constants()
    {
        var found = Assert.Single(QuotedFigures.UncheckedNumbers("99-fixture",
            Notebook("With $h_1 = 0.5$, `lr = 0.1`, LSTM2, loss 1.57<!-- figure: train -->, 64 units and 300 steps.", "", ["64"])));
        Assert.Contains("300", found);
        Assert.Contains("markdown cell result-prose", found);
    }
}

/// <summary>Every figure the course's prose marks is the figure its executed cell printed. (The lint over every other
/// number runs on fixtures only until the course's figures are all marked: see issue 14.)</summary>
[Collection(CourseCollection.Name)]
public sealed class CourseQuotedFiguresTests(CourseRunFixture course)
{
    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(Path.Combine(RnnNotebooks.Runner.Feed.RepositoryRoot.Find(), "notebooks"), "*.ipynb")
            .Order(StringComparer.Ordinal).Select(path => Path.GetFileNameWithoutExtension(path))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_quoted_figure_is_what_the_run_printed(string notebook)
    {
        var drifts = QuotedFigures.Drifts(notebook, course.Executed(notebook)).ToList();
        Assert.True(drifts.Count == 0, string.Join("\n", drifts));
    }
}
