using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RnnNotebooks.Display;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Tests.Display;

/// <summary>Tests that read or reset process-wide display state (the once-per-session plotly.js flag, the formatters) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlotlyJsSession
{
    public const string Name = "plotly.js session";
}

[Collection(PlotlyJsSession.Name)]
public sealed class ChartFormatterTests
{
    static readonly Regex PlotlyJsElement = new("<script[^>]*data-plotlyjs=\"[^\"]*\"[^>]*>.*?</script>", RegexOptions.Singleline);

    static GenericChart SmallChart(string name = "loss") =>
        Chart.Line<double, double, string>(new[] { 0.0, 1, 2 }, new[] { 3.0, 2, 1 }, Name: name);

    public ChartFormatterTests()
    {
        NotebookDisplay.Register();
        PlotlyJs.EmbedOncePerSession = true;
        PlotlyJs.ResetSession();
    }

    [Fact]
    public void A_chart_displays_as_html_with_an_rnn_chart_div_and_a_newPlot_call_on_it()
    {
        string html = Formatter.ToDisplayString(SmallChart(), "text/html");

        var div = Regex.Match(html, "<div class=\"rnn-chart\" id=\"(?<id>[^\"]+)\" style=\"[^\"]+\"></div>");
        Assert.True(div.Success, "no <div class=\"rnn-chart\" id=… style=…> in the chart's HTML");
        Assert.Contains($"Plotly.newPlot('{div.Groups["id"].Value}', data, layout, config)", html);
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(GenericChart)));
    }

    [Fact]
    public void A_chart_builder_at_the_end_of_a_cell_displays_as_its_chart()
    {
        var builder = new RnnNotebooks.Display.Charts.LossCurves().Add("RNN", [3.0, 2, 1]);

        string html = Formatter.ToDisplayString(builder, "text/html");

        Assert.Contains("<div class=\"rnn-chart\"", html);
        Assert.Contains("RNN (smoothed)", html);
    }

    [Fact]
    public void The_layout_in_the_html_is_plotly_nets_own_layout_template_included()
    {
        var chart = RnnNotebooks.Display.Charts.TrainingCharts.Loss([0.0, 1, 2], [3.0, 2, 1]);
        string html = ChartFormatter.ToHtmlWithoutPlotlyJs(chart);

        string written = Regex.Match(html, @"var layout = (?<json>.*);\r?\n").Groups["json"].Value;
        string expected = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getLayout(chart));
        Assert.True(Newtonsoft.Json.Linq.JToken.DeepEquals(Newtonsoft.Json.Linq.JToken.Parse(expected), Newtonsoft.Json.Linq.JToken.Parse(written)),
            $"the layout differs from Plotly.NET's:\n{written}");
        Assert.Contains("\"template\":", written);
        Assert.Contains("\"xaxis\":", written);
    }

    [Fact]
    public void Plotly_js_is_embedded_in_the_first_chart_of_the_session_only()
    {
        string first = Formatter.ToDisplayString(SmallChart(), "text/html");
        string second = Formatter.ToDisplayString(SmallChart(), "text/html");
        string third = ChartFormatter.ToHtml(SmallChart());

        var element = Assert.Single(PlotlyJsElement.Matches(first));
        Assert.StartsWith("<script type=\"text/javascript\" data-plotlyjs=\"2.28.0\">", element.Value);
        Assert.True(element.Length > 1_000_000, $"the embedded plotly.js is only {element.Length} characters: not the full library");
        Assert.True(first.IndexOf("data-plotlyjs", StringComparison.Ordinal) < first.IndexOf("Plotly.newPlot", StringComparison.Ordinal),
            "plotly.js must come before the chart script that uses it");
        Assert.DoesNotContain("data-plotlyjs", second);
        Assert.DoesNotContain("data-plotlyjs", third);
        Assert.True(PlotlyJs.EmittedInThisSession);
    }

    [Fact]
    public void A_new_session_embeds_plotly_js_again_and_the_option_can_turn_embedding_off()
    {
        _ = ChartFormatter.ToHtml(SmallChart());
        PlotlyJs.ResetSession();
        Assert.Contains("data-plotlyjs", ChartFormatter.ToHtml(SmallChart()));

        PlotlyJs.ResetSession();
        PlotlyJs.EmbedOncePerSession = false;
        try
        {
            Assert.DoesNotContain("data-plotlyjs", ChartFormatter.ToHtml(SmallChart()));
        }
        finally
        {
            PlotlyJs.EmbedOncePerSession = true;
        }
    }

    [Fact]
    public void Chart_outputs_name_no_CDN_or_any_web_address_outside_plotly_js_itself()
    {
        string first = ChartFormatter.ToHtml(SmallChart());
        string withoutPlotlyJs = PlotlyJsElement.Replace(first, "");

        Assert.NotEqual(first, withoutPlotlyJs);
        foreach (string html in new[] { withoutPlotlyJs, ChartFormatter.ToHtml(SmallChart()) })
        {
            Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("require", html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(" src=", first);
    }

    [Fact]
    public void Text_inside_chart_data_cannot_close_the_script_element()
    {
        string html = ChartFormatter.ToHtml(SmallChart(name: "</script><b>x</b>"));

        Assert.Single(Regex.Matches(PlotlyJsElement.Replace(html, ""), "</script>"));
        Assert.Contains("\\u003c/script\\u003e", html);
    }
}
