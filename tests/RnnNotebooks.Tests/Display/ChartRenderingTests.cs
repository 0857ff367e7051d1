using System.Diagnostics;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using RnnNotebooks.Display;
using RnnNotebooks.Display.Charts;

namespace RnnNotebooks.Tests.Display;

/// <summary>
/// Charts really render offline: pages built from the chart outputs are opened in headless Chromium with
/// no network, and every <c>div.rnn-chart</c> must end up holding plotly.js's SVG.
/// </summary>
[Collection(PlotlyJsSession.Name)]
public sealed class ChartRenderingTests
{
    static readonly Regex PlotlyJsElement = new("<script[^>]*data-plotlyjs=\"[^\"]*\"[^>]*>.*?</script>", RegexOptions.Singleline);

    static IEnumerable<GenericChart> CourseCharts()
    {
        double[] steps = [0, 1, 2, 3, 4];
        yield return new LossCurves().Add("RNN", [4, 3, 2.5, 2.2, 2]).Add("LSTM", [4, 2.5, 1.8, 1.5, 1.3]).ToChart();
        yield return TrainingCharts.Overview(steps, [4, 3, 2.5, 2.2, 2], null, [1, 30, 2, 1, 0.5], [1, 5, 2, 1, 0.5], 5);
        yield return new GradientFlowChart().Add("RNN", [1e-6, 1e-4, 1e-2, 1]).ToChart();
        yield return GradientFlowChart.Heatmap([0, 100], [[1e-3, 1e-1, 1], [1e-2, 1, 10]]);
        yield return ActivationHeatmap.Of(Matrix<double>.Build.Dense(3, 5, (i, t) => Math.Tanh(i - t)), "he l\n", "hidden state");
        yield return AttentionHeatmap.Of(Matrix<double>.Build.Dense(3, 4, (i, t) => 1.0 / 3), ["a", "b", "c"], ["c", "b", "a", "<end>"]);
        yield return new DecisionBoundary((x, y) => x * y > 0 ? 1 : 0).AddPoints("a", [-1, 1], [-1, 1]).AddPoints("b", [-1, 1], [1, -1]).WithResolution(20).ToChart();
        yield return new ForecastChart([0, 1, 2, 3], [1, 2, 3, 4]).AddForecast("naive", [2, 3], [2, 3]).ToChart();
        yield return Matrix<double>.Build.Dense(4, 6, (i, j) => i - j).ToHeatmap("W");
    }

    [SkippableFact]
    public void Notebook_outputs_render_offline_with_plotly_js_embedded_once_in_the_first_chart()
    {
        PlotlyJs.ResetSession();
        var outputs = CourseCharts().Select(ChartFormatter.ToHtml).ToList();

        AssertEveryChartRenders("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + string.Join("\n", outputs) + "</body></html>", outputs.Count);
    }

    [SkippableFact]
    public void A_page_that_strips_the_outputs_plotly_js_and_loads_it_once_in_its_head_renders_every_chart()
    {
        PlotlyJs.ResetSession();
        var outputs = CourseCharts().Select(c => PlotlyJsElement.Replace(ChartFormatter.ToHtml(c), "")).ToList();

        AssertEveryChartRenders($"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{PlotlyJs.ScriptElement}</head><body>" + string.Join("\n", outputs) + "</body></html>", outputs.Count);
    }

    static void AssertEveryChartRenders(string page, int expectedCharts)
    {
        string chromium = FindChromium();
        string folder = Directory.CreateTempSubdirectory("rnn-chart-render-").FullName;
        try
        {
            string file = Path.Combine(folder, "page.html");
            File.WriteAllText(file, page);
            string dom = DumpDom(chromium, file, Path.Combine(folder, "profile"));

            var ids = Regex.Matches(page, "<div class=\"rnn-chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(expectedCharts, ids.Count);
            foreach (string id in ids)
            {
                int start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
                Assert.True(start >= 0, $"chart {id} is missing from the rendered page");
                int next = dom.IndexOf("class=\"rnn-chart", start + 1, StringComparison.Ordinal);
                string chart = next < 0 ? dom[start..] : dom[start..next];
                Assert.True(chart.Contains("<svg", StringComparison.Ordinal) && chart.Contains("main-svg", StringComparison.Ordinal),
                    $"chart {id} did not render: no plotly SVG inside its div");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static string FindChromium()
    {
        string? found = new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (found is null && ci) Assert.Fail("Chromium is not installed, and CI=true: .ci/run must install Debian's chromium for the chart-rendering tests.");
        Skip.If(found is null, "Chromium is not installed (Debian package 'chromium'): chart rendering is not checked on this machine.");
        return found!;
    }

    static string DumpDom(string chromium, string file, string profile)
    {
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No network at all: the proxy points nowhere, background services are off.
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                     $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(file).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string dom = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish rendering the page within 120 s.");
        }
        Assert.True(dom.Length > 0, $"Chromium printed no DOM (exit {process.ExitCode}): {stderr.Result}");
        return dom;
    }
}
