using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>notebooks/01-perceptron.ipynb as the course runs it.</summary>
[Collection(CourseCollection.Name)]
public sealed class PerceptronNotebookTests(CourseRunFixture course)
{
    const string Name = "01-perceptron";

    [Fact]
    public void It_shows_at_least_one_chart()
    {
        Assert.NotEmpty(course.Charts(Name));
    }

    [Fact]
    public void The_two_layer_network_solves_XOR()
    {
        Assert.Contains("XOR accuracy: 100%", course.StandardOutputLines(Name));
    }

    [SkippableFact]
    public void Its_page_renders_offline_in_headless_chromium_with_every_chart_drawn_and_the_maths_typeset()
    {
        string chromium = HeadlessChromium.Require();
        string page = Path.Combine(course.SiteFolder, Name + ".html");
        course.Executed(Name);
        var rendered = HeadlessChromium.Render(chromium, page);
        Assert.Equal("", rendered.Errors);
        Assert.True(rendered.Charts > 0, "the page has no .rnn-chart element");
        Assert.Equal(rendered.Charts, rendered.RenderedCharts);
        Assert.True(rendered.TypesetMaths > 0, "no maths was typeset (.katex elements)");
        Assert.False(rendered.RawDisplayMaths, "raw $$ left in the page");
    }
}
