using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Feed;
using RnnNotebooks.Tests.Notebooks;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Apps;

/// <summary>
/// Four committed apps run as a learner runs them, <c>dotnet run notebooks/apps/NN-name.cs</c> from the clone,
/// with no kernel: each exits 0, prints its page's path, and the page holds the charts the notebook shows
/// (counted in the notebook as the course run executed it) with plotly.js once, the lesson's prose and maths and
/// each code cell numbered as on the site; in headless Chromium with no network every chart draws at the page's
/// width, every tune is drawn as a staff and the maths is typeset. In the Course collection, so
/// they run after the course and never beside it.
/// </summary>
[Collection(CourseCollection.Name)]
public sealed partial class AppRunTests(CourseRunFixture course)
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [SkippableTheory]
    [InlineData("01-perceptron", "XOR accuracy: 100%")]
    [InlineData("03-recurrent-neurons", null)]
    [InlineData("05-vanishing-and-exploding-gradients", "clipped at 1:")]
    [InlineData("08-music-generation", "Eight generated jigs:")]
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
        int notebookTunes = course.Outputs(name).Sum(o => Regex.Count(FixtureNotebook.Lines(o["data"]?["text/html"]), "class=\"rnn-sheet-music\""));
        Assert.Equal(notebookTunes, Regex.Count(html, "class=\"rnn-sheet-music\""));
        Assert.True(Regex.Count(html, "data-abcjs=") == (notebookTunes > 0 ? 1 : 0), "a page with tunes carries abcjs once, in its head; one without, none");

        foreach (var line in course.StandardOutputLines(name).Where(l => l.Length > 0))
            Assert.Contains(System.Net.WebUtility.HtmlEncode(line), html);
        if (printedLine is not null) Assert.Contains(printedLine, run.Output);

        // The page teaches: the notebook's prose (its headings and maths), then each code cell as the app has it,
        // numbered In [k] as on the site, with its outputs under it.
        var notebook = RnnNotebooks.Runner.Execution.NotebookDocument.Load(Path.Combine(root, "notebooks", name + ".ipynb"));
        string appSource = File.ReadAllText(Path.Combine(root, "notebooks", NotebookApp.FolderName, name + ".cs"));
        int headings = notebook.Cells.Where(c => (string?)c["cell_type"] == "markdown")
            .SelectMany(c => RnnNotebooks.Runner.Execution.NotebookDocument.SourceOf(c).Split('\n')).Count(l => l.StartsWith("## ", StringComparison.Ordinal));
        Assert.True(headings > 0);
        Assert.Equal(headings, Regex.Matches(html, "<h2 id=").Count);
        Assert.Contains("<span class=\"math\">", html);
        var lesson = RnnNotebooks.Display.AppLesson.Parse(appSource).Where(c => !c.IsMarkdown && c.Text.Length > 0).ToList();
        Assert.NotEmpty(lesson);
        foreach (var cell in lesson)
            Assert.Contains($"<div class=\"rnn-prompt\">In [{cell.Number}]:</div>", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(lesson[^1].Text.Split('\n')[0]), html);

        // Last, as it needs Chromium (skips without it, fails under CI=true): offline, every chart draws.
        var rendered = HeadlessChromium.Render(HeadlessChromium.Require(), page);
        Assert.Equal("", rendered.Errors);
        Assert.Equal(notebookCharts, rendered.RenderedCharts);
        Assert.Equal(notebookCharts, rendered.FittedCharts);
        Assert.Equal((notebookTunes, notebookTunes), (rendered.SheetMusic, rendered.Staves));
        Assert.False(rendered.Overflows, "the page is wider than the window");
        Assert.True(rendered.TypesetMaths > 0 && !rendered.RawDisplayMaths, $"{rendered.TypesetMaths} maths elements typeset; raw $$ left: {rendered.RawDisplayMaths}");
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
