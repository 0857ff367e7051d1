using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Feed;
using RnnNotebooks.Tests.Notebooks;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Apps;

/// <summary>
/// Two committed apps run as a learner runs them, <c>dotnet run notebooks/apps/NN-name.cs</c> from the clone,
/// with no kernel: each exits 0, prints its page's path, and the page holds the charts the notebook shows
/// (counted in the notebook as the course run executed it) with plotly.js once, and they draw in headless
/// Chromium with no network. In the Course collection, so
/// they run after the course and never beside it.
/// </summary>
[Collection(CourseCollection.Name)]
public sealed partial class AppRunTests(CourseRunFixture course)
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [SkippableTheory]
    [InlineData("01-perceptron", "XOR accuracy: 100%")]
    [InlineData("03-recurrent-neurons", null)]
    public void The_app_runs_and_its_page_shows_what_the_notebook_shows(string name, string? printedLine)
    {
        string root = course.RepositoryRootFolder;
        var run = Run(root, Path.Combine("notebooks", NotebookApp.FolderName, name + ".cs"));
        Assert.True(run.ExitCode == 0, $"dotnet run exited with {run.ExitCode}:\n{run.Output}");

        string page = NotebookApp.PagePath(root, Path.Combine(root, "notebooks", name + ".ipynb"));
        Assert.Contains($"Page: {page}", run.Output.Split('\n').Select(l => l.TrimEnd('\r')));
        string html = File.ReadAllText(page);

        int notebookCharts = course.Outputs(name).Sum(o => ChartDiv().Count(FixtureNotebook.Lines(o["data"]?["text/html"])));
        Assert.True(notebookCharts > 0, $"{name} shows no chart in the course run:\n{course.Log}");
        Assert.Equal(notebookCharts, ChartDiv().Count(html));
        Assert.Single(PlotlyJsCopy().Matches(html));

        foreach (var line in course.StandardOutputLines(name).Where(l => l.Length > 0))
            Assert.Contains(System.Net.WebUtility.HtmlEncode(line), html);
        if (printedLine is not null) Assert.Contains(printedLine, run.Output);

        // Last, as it needs Chromium (skips without it, fails under CI=true): offline, every chart draws.
        var rendered = HeadlessChromium.Render(HeadlessChromium.Require(), page);
        Assert.Equal("", rendered.Errors);
        Assert.Equal(notebookCharts, rendered.RenderedCharts);
    }

    /// <summary>
    /// Runs the app, holding the lock the library's packing holds: <c>dotnet run</c> builds src/RnnNotebooks,
    /// and two builds of one project at once (a kernel install's pack in another test) fail at random.
    /// </summary>
    internal static (int ExitCode, string Output) Run(string root, string app)
    {
        using var _ = FeedLock.Acquire(Path.Combine(root, "artifacts", "feed.lock"), null);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("run");
        psi.ArgumentList.Add(app);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet run {app} did not finish within {Patience.TotalMinutes} minutes:\n{output.Result}{error.Result}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    [GeneratedRegex("""<div class="rnn-chart\b""")]
    private static partial Regex ChartDiv();

    [GeneratedRegex("""<script[^>]*\bdata-plotlyjs=""")]
    private static partial Regex PlotlyJsCopy();
}
