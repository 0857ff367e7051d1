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
    [InlineData("The norm reaches 74.7<!-- figure: train -->.", "7.47e+01\n")]
    [InlineData("The largest error is 1.4·10⁻¹⁰<!-- figure: train -->.", "relative error 1.38E-010\n")]
    [InlineData("It grows to 2.9·10³<!-- figure: train -->.", "2.9e+03\n")]
    public void A_figure_the_cell_prints_passes(string markdown, string printed) =>
        Assert.Empty(QuotedFigures.Drifts("99-fixture", Notebook(markdown, printed)));

    [Fact]
    public void A_figure_shown_only_in_an_html_table_counts_but_a_number_in_a_script_does_not()
    {
        var notebook = Notebook("Row 3 holds 0.42<!-- figure: train --> and the chart 7.5<!-- figure: train -->.", "");
        notebook["cells"]![1]!["outputs"] = new JsonArray(new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject { ["text/html"] = "<table style=\"width: 7.5em\"><tr><td>0.42</td></tr></table><script>var y = [7.5];</script>" },
        });
        var drift = Assert.Single(QuotedFigures.Drifts("99-fixture", notebook));
        Assert.Contains("quotes 7.5", drift);
    }

    [Theory]
    [InlineData("The loss ends at 10<!-- figure: train -->.", "loss 9.6\n")]
    [InlineData("The norm reaches 7.5<!-- figure: train -->.", "7.47e+01\n")]
    [InlineData("The largest error is 1.3·10⁻¹⁰<!-- figure: train -->.", "relative error 1.38E-010\n")]
    [InlineData("The largest error is 1.4·10⁻⁹<!-- figure: train -->.", "relative error 1.38E-010\n")]
    public void A_figure_rounded_past_what_was_printed_fails(string markdown, string printed) =>
        Assert.Single(QuotedFigures.Drifts("99-fixture", Notebook(markdown, printed)));

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
            Notebook("With $h_1 = 0.5$, `lr = 0.1`, LSTM2, loss 1.57<!-- figure: train -->, error 1.4·10⁻¹⁰<!-- figure: train -->, 64 units and 300 steps.", "", ["64"])));
        Assert.Contains("300", found);
        Assert.Contains("markdown cell result-prose", found);
    }
}

/// <summary>The prose lint over the committed course: in each notebook it covers, every number in the prose is a
/// marked figure or a constant its cell declares. It reads the notebooks as committed, without the course run.</summary>
public sealed class CourseProseLintTests
{
    /// <summary>The notebooks whose figures are all marked. A notebook joins this list once its own are.</summary>
    public static TheoryData<string> Covered() =>
    [
        "01-perceptron", "02-sequence-modeling", "03-recurrent-neurons", "04-backpropagation-through-time",
        "05-vanishing-and-exploding-gradients", "06-lstm", "07-language-model", "08-music-generation",
        "09-time-series-forecasting", "10-image-captioning", "11-attention",
    ];

    [Theory]
    [MemberData(nameof(Covered))]
    public void Every_number_in_the_prose_is_a_checked_figure_or_a_declared_constant(string notebook)
    {
        string path = Path.Combine(RnnNotebooks.Runner.Feed.RepositoryRoot.Find(), "notebooks", notebook + ".ipynb");
        Assert.True(File.Exists(path), $"{path} does not exist: the lint's list names a notebook the course no longer has");
        var numbers = QuotedFigures.UncheckedNumbers(notebook, JsonNode.Parse(File.ReadAllText(path))!).ToList();
        Assert.True(numbers.Count == 0, $"{numbers.Count} number(s) in {notebook}'s prose are neither marked nor declared:\n" + string.Join("\n", numbers));
    }
}

/// <summary>Every figure the course's prose marks is the figure its executed cell printed.</summary>
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
