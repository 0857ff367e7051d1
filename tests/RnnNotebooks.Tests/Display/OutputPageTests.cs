using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RnnNotebooks.Display;
using RnnNotebooks.Tests.Runner;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Tests.Display;

/// <summary>The page a program (a course app) shows its outputs on, built without touching the process's console or sink.</summary>
[Collection(PlotlyJsSession.Name)]
public sealed class OutputPageTests : IDisposable
{
    readonly string _folder = FixtureNotebook.TemporaryFolder("output-page");
    readonly StringWriter _console = new();

    public OutputPageTests()
    {
        NotebookDisplay.Register();
        PlotlyJs.EmbedOncePerSession = true;
        PlotlyJs.ResetSession();
    }

    public void Dispose() => FixtureNotebook.Delete(_folder);

    OutputPage NewPage() => new("A notebook", Path.Combine(_folder, "pages", "a.html"), _console);

    static GenericChart SmallChart() => Chart.Line<double, double, string>(new[] { 0.0, 1, 2 }, new[] { 3.0, 2, 1 }, Name: "loss");

    static int Count(string html, string pattern) => Regex.Matches(html, pattern).Count;

    [Fact]
    public void Values_show_formatted_as_in_a_notebook_in_order_under_their_cell_and_text_also_reaches_the_console()
    {
        var page = NewPage();
        page.Cell(3);
        page.Display("loss < 1 & falling");
        page.Display(Matrix<double>.Build.Dense(2, 3, 1.5));
        page.Cell(5);
        var rows = new[] { new { step = 1, loss = 2.5 }, new { step = 2, loss = 1.25 } };
        page.Display(rows);
        string html = page.Render();

        Assert.Contains("<pre class=\"rnn-text\">loss &lt; 1 &amp; falling</pre>", html);
        Assert.Contains("Matrix 2×3", html);
        Assert.Contains(rows.ToDisplayString("text/html"), html);
        int cell3 = html.IndexOf(">In [3]:<", StringComparison.Ordinal), cell5 = html.IndexOf(">In [5]:<", StringComparison.Ordinal);
        Assert.True(cell3 >= 0 && cell3 < html.IndexOf("Matrix 2×3", StringComparison.Ordinal) && html.IndexOf("Matrix 2×3", StringComparison.Ordinal) < cell5);
        Assert.Equal("loss < 1 & falling" + Environment.NewLine, _console.ToString());
    }

    [Fact]
    public void Charts_draw_with_one_copy_of_plotly_js_in_the_head_and_a_page_without_charts_carries_none()
    {
        var page = NewPage();
        page.Display(SmallChart());
        page.Display(SmallChart());
        string html = page.Render();
        Assert.Equal(2, Count(html, "<div class=\"rnn-chart\""));
        Assert.Equal(1, Count(html, "data-plotlyjs="));
        Assert.True(html.IndexOf("data-plotlyjs=", StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));

        var plain = NewPage();
        plain.Display("no chart here");
        Assert.Equal(0, Count(plain.Render(), "data-plotlyjs="));
    }

    [Fact]
    public void A_live_training_view_on_the_page_keeps_its_final_state_and_prints_progress_lines()
    {
        var page = NewPage();
        page.Cell(7);
        using (var view = LiveTrainingView.Start(totalSteps: 50, title: "Fit", sink: page))
            for (int step = 0; step < 50; step++) view.Report(step + 1, 1.0 / (step + 1));
        string html = page.Render();

        Assert.Equal(1, Count(html, "class=\"rnn-live-training\""));
        Assert.Contains("Fit: step 50/50", html);
        Assert.Contains("done in", html);
        Assert.Contains("Fit: step 50/50", _console.ToString());
    }

    [Fact]
    public void An_update_replaces_the_output_and_HTML_shows_as_written()
    {
        var page = NewPage();
        var output = page.Display("epoch 1");
        output.Update("epoch 2");
        page.Display(OutputPage.Html("<b class=\"mine\">bold</b>"));
        string html = page.Render();
        Assert.DoesNotContain("epoch 1", html);
        Assert.Contains("epoch 2", html);
        Assert.Contains("<b class=\"mine\">bold</b>", html);
    }

    [Fact]
    public void Finish_writes_the_page_creating_its_folder_and_prints_its_path()
    {
        var page = NewPage();
        page.Display("saved");
        page.Finish();
        Assert.True(File.Exists(page.Path));
        Assert.Contains("saved", File.ReadAllText(page.Path));
        Assert.EndsWith($"Page: {page.Path}{Environment.NewLine}", _console.ToString());
    }
}
