using RnnNotebooks.Display.Pages;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// Pages built from a hand-written executed notebook holding two charts as the kernel emits them
/// (the first chart's output carries its own copy of plotly.js), maths, text and an error.
/// </summary>
public sealed class SitePageTests
{
    const string Marker = "/* per-output copy of plotly.js */";

    static string ChartOutput(string id, bool withPlotly) =>
        (withPlotly ? $"<script type=\"text/javascript\" data-plotlyjs=\"2.28.0\">{Marker}</script>\n" : "") +
        $"<div class=\"rnn-chart\" id=\"{id}\" style=\"width:500px;height:300px\"></div>\n" +
        $"<script type=\"text/javascript\">Plotly.newPlot('{id}', [{{x: [1, 2, 3], y: [3, 1, 2], type: 'scatter'}}], {{title: 'loss'}}, {{staticPlot: true}});</script>";

    static string WritePage(string folder)
    {
        string path = FixtureNotebook.Write(Path.Combine(folder, "notebooks"), "charts",
            "# Charts\nThe logistic loss $\\ell(y, \\hat y) = -y \\log \\hat y$ and, in display style,\n\n$$\\frac{\\partial \\ell}{\\partial w} = (\\hat y - y)\\, x$$\n\nwith <b>escaping</b> of text outputs.",
            "chart1", "chart2", "text", "error");
        var notebook = NotebookDocument.Load(path);
        var cells = notebook.CodeCells;
        JsonObject Display(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html }, ["metadata"] = new JsonObject() };
        NotebookDocument.SetOutputs(cells[0], 1, [Display(ChartOutput("chart-a", withPlotly: true))]);
        NotebookDocument.SetOutputs(cells[1], 2, [Display(ChartOutput("chart-b", withPlotly: false))]);
        NotebookDocument.SetOutputs(cells[2], 3, [new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "a < b && c\n" }]);
        var error = new CellOutputs([]);
        error.AddError("InvalidOperationException", "weights are NaN");
        NotebookDocument.SetOutputs(cells[3], 4, error.Outputs);
        string page = Path.Combine(folder, "site", "charts.html");
        NotebookPage.Write(notebook, page);
        return page;
    }

    [Fact]
    public void Plotly_is_inlined_once_in_the_head_and_per_output_copies_are_removed()
    {
        string html = File.ReadAllText(WritePage(FixtureNotebook.TemporaryFolder("site")));
        Assert.Single(Regex.Matches(html, "data-plotlyjs"));
        int head = html.IndexOf("</head>", StringComparison.Ordinal);
        Assert.InRange(html.IndexOf("data-plotlyjs", StringComparison.Ordinal), 0, head);
        Assert.Contains("Plotly.newPlot('chart-a'", html);
        Assert.DoesNotContain(Marker, html);
        Assert.True(html.Length > 3_000_000, "plotly.js 2.28 (about 3.6 MB) should be in the page");
    }

    [Fact]
    public void The_page_loads_nothing_from_the_network()
    {
        string html = File.ReadAllText(WritePage(FixtureNotebook.TemporaryFolder("site")));
        // plotly.js itself carries default addresses for map tiles and links (unused here); nothing else may name the network.
        string withoutPlotly = Regex.Replace(html, "<script[^>]*data-plotlyjs[^>]*>.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", withoutPlotly);
        Assert.DoesNotMatch("(?i)cdn\\.|jsdelivr|unpkg|cloudflare", withoutPlotly);
        Assert.DoesNotContain("url(fonts/", html);
    }

    [Fact]
    public void Maths_is_left_ready_for_KaTeX_and_text_outputs_are_escaped()
    {
        string html = File.ReadAllText(WritePage(FixtureNotebook.TemporaryFolder("site")));
        Assert.Contains("<span class=\"math\">\\ell(y, \\hat y) = -y \\log \\hat y</span>", html);
        Assert.Matches("class=\"math[^\"]*\">\\s*(\\\\\\[)?\\\\frac", html);
        Assert.Contains("katex.render", html);
        Assert.Contains("a &lt; b &amp;&amp; c", html);
        Assert.Contains("<pre class=\"rnn-error\">InvalidOperationException: weights are NaN</pre>", html);
    }

    [SkippableFact]
    public void In_headless_chromium_offline_every_chart_draws_and_the_maths_is_typeset()
    {
        string chromium = HeadlessChromium.Require();
        var page = HeadlessChromium.Render(chromium, WritePage(FixtureNotebook.TemporaryFolder("site")));
        Assert.Equal("", page.Errors);
        Assert.Equal(2, page.Charts);
        Assert.Equal(2, page.RenderedCharts);
        Assert.True(page.TypesetMaths >= 2, $"expected the two formulas typeset, found {page.TypesetMaths} .katex elements");
        Assert.False(page.RawDisplayMaths);
    }
}
