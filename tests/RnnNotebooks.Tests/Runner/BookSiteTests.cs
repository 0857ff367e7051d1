using RnnNotebooks.Display.Pages;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Classroom;
using RnnNotebooks.Display;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Site;
using RnnNotebooks.Tests.Classroom;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// The book written from a two-notebook course whose "executed" copies are built by hand: notebook 01 with a
/// chart, notebook 02 with an exercise whose checks cell ends in hidden tests. Both editions, the index,
/// the search index and the downloads.
/// </summary>
public sealed partial class BookSiteTests
{
    const string HiddenCode = "Check.Equal(Add(-1, 1), expected: () => 0)";
    const string HiddenOutputWord = "zebracrossing";
    const string SolutionCode = "return a + b;";
    const string VisibleCheck = "Check.Equal(Add(2, 3), expected: () => 5)";

    static JsonObject Html(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html }, ["metadata"] = new JsonObject() };
    static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };

    /// <summary>The artifacts folder of a run of the fixture course, with both editions written.</summary>
    static (string Artifacts, string Course) Build()
    {
        string root = FixtureNotebook.TemporaryFolder("book");
        string course = Path.Combine(root, "notebooks"), executed = Path.Combine(root, "artifacts", "executed");
        Directory.CreateDirectory(course);
        Directory.CreateDirectory(executed);

        var first = new[]
        {
            ExerciseNotebook.Markdown("title", "# 1 · Lines\n\n**Learning goal.** By the end of this notebook you can draw a line.\n\nIntro text."),
            ExerciseNotebook.Code("packages", "#r \"nuget: RnnNotebooks, *-*\""),
            ExerciseNotebook.Markdown("section", "## A chart of a line\n\nThe quokka draws a chart."),
            ExerciseNotebook.Code("chart", "display(chart);"),
        };
        var second = new[]
        {
            ExerciseNotebook.Markdown("title", "# 2 · Sums\n\n**Learning goal.** By the end of this notebook you can\n\n1. add two numbers;\n2. check it.\n\nMore text."),
            ExerciseNotebook.Markdown("exercise-2-1-md", "### Exercise 2.1: Add (2 points)\n\nWrite `Add`; the wombat checks it."),
            ExerciseNotebook.Code("exercise-2-1", $"// Exercise 2.1: Add two numbers.\nint Add(int a, int b)\n{{\n    // BEGIN SOLUTION (2 points)\n    {SolutionCode}\n    // END SOLUTION\n}}"),
            ExerciseNotebook.Checks("exercise-2-1-checks", $"// Checks for Exercise 2.1\n{VisibleCheck};\n// BEGIN HIDDEN TESTS\n{HiddenCode};\nConsole.WriteLine(\"{HiddenOutputWord}\");\n// END HIDDEN TESTS"),
            ExerciseNotebook.Markdown("after", "## After the exercise\n\nThe end."),
        };
        ExerciseNotebook.Write(course, "01-lines.ipynb", first);
        ExerciseNotebook.Write(course, "02-sums.ipynb", second);
        Directory.CreateDirectory(Path.Combine(course, "exercises"));
        File.WriteAllText(Path.Combine(course, "exercises", "02-sums.ipynb"), "{}");
        Directory.CreateDirectory(Path.Combine(course, "apps", "exercises"));
        File.WriteAllText(Path.Combine(course, "apps", "exercises", "02-sums.cs"), "// the student version's app");

        var one = ExerciseNotebook.Document(Path.Combine(executed, "01-lines.ipynb"), first);
        NotebookDocument.SetOutputs(one.CodeCells[0], 1, [Html("<div><strong>Installed Packages</strong><ul><li>RnnNotebooks</li></ul></div>")]);
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(new double[] { 0, 1, 2 }, new double[] { 1, 3, 2 }, Name: "line");
        NotebookDocument.SetOutputs(one.CodeCells[1], 2, [Html(ChartFormatter.ToHtmlWithoutPlotlyJs(chart))]);
        one.Save(one.Path);

        var two = ExerciseNotebook.Document(Path.Combine(executed, "02-sums.ipynb"), second);
        NotebookDocument.SetOutputs(two.CodeCells[0], 1, []);
        NotebookDocument.SetOutputs(two.CodeCells[1], 2,
        [
            Html(CheckFormatter.ToHtml(new CheckResult(true, "Add(2, 3)", "", null))),
            Html(CheckFormatter.ToHtml(new CheckResult(true, "Add(-1, 1)", "", null))),
            Stream(HiddenOutputWord + "\n"),
        ]);
        two.Save(two.Path);

        string artifacts = Path.Combine(root, "artifacts");
        var editions = new[] { SiteEdition.Learner, SiteEdition.Teacher };
        foreach (var (name, seconds) in new[] { ("01-lines", 4.2), ("02-sums", 7.9) })
            BookSite.WritePage(new NotebookOutcome(Path.Combine(course, name + ".ipynb"), NotebookStatus.Succeeded, 2, 2, seconds,
                ExecutedPath: Path.Combine(executed, name + ".ipynb")), artifacts, editions);
        BookSite.WriteIndexes(artifacts, editions);
        return (artifacts, course);
    }

    [Fact]
    public void The_learners_edition_folds_the_solution_away_and_drops_the_hidden_tests_and_their_outputs()
    {
        var (artifacts, _) = Build();
        string site = BookSite.FolderOf(artifacts, SiteEdition.Learner);
        string page = File.ReadAllText(Path.Combine(site, "02-sums.html"));
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(HiddenCode), page);
        Assert.DoesNotContain("Add(-1, 1)", page);
        Assert.DoesNotContain(HiddenOutputWord, page);
        Assert.DoesNotContain("HIDDEN TESTS", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(VisibleCheck), page);
        Assert.Contains("<code>Add(2, 3)</code>", page);
        Assert.Contains("throw new NotImplementedException(&quot;Exercise 2.1:", page);
        // The solution appears once, inside a closed <details>.
        var solution = Regex.Match(page, "<details class=\"rnn-solution\">(?<inside>.*?)</details>", RegexOptions.Singleline);
        Assert.True(solution.Success);
        Assert.Contains(SolutionCode, solution.Groups["inside"].Value);
        Assert.Single(Regex.Matches(page, Regex.Escape(SolutionCode)));
        Assert.DoesNotMatch("<details[^>]*\\bopen\\b", page);

        string search = File.ReadAllText(Path.Combine(site, SearchIndex.FileName));
        Assert.DoesNotContain(SolutionCode, search);
        Assert.DoesNotContain(HiddenCode, search);
        Assert.DoesNotContain("Add(-1, 1)", search);
        Assert.DoesNotContain(HiddenOutputWord, search);
        Assert.Contains("wombat", search);
    }

    [Fact]
    public void The_teachers_edition_shows_everything_and_no_page_shows_package_chatter()
    {
        var (artifacts, _) = Build();
        string teacher = File.ReadAllText(Path.Combine(BookSite.FolderOf(artifacts, SiteEdition.Teacher), "02-sums.html"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(HiddenCode), teacher);
        Assert.Contains(HiddenOutputWord, teacher);
        Assert.Contains(SolutionCode, teacher);
        Assert.DoesNotContain("<details class=\"rnn-solution\"", teacher);
        foreach (var edition in new[] { SiteEdition.Learner, SiteEdition.Teacher })
            Assert.DoesNotContain("Installed Packages", File.ReadAllText(Path.Combine(BookSite.FolderOf(artifacts, edition), "01-lines.html")));
    }

    [Fact]
    public void The_index_lists_each_notebook_with_its_title_goal_and_run_time_and_the_downloads_are_copied()
    {
        var (artifacts, _) = Build();
        string site = BookSite.FolderOf(artifacts, SiteEdition.Learner);
        string index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("href=\"01-lines.html\"", index);
        Assert.Contains("1 · Lines · ran in 4 s", PlainText.Of(index));
        Assert.Contains("By the end of this notebook you can draw a line.", index);
        Assert.Contains("<li>add two numbers;</li>", index);
        Assert.DoesNotContain("More text", index);
        Assert.Contains("ran in 8 s", index);

        string page = File.ReadAllText(Path.Combine(site, "02-sums.html"));
        Assert.Contains("href=\"downloads/02-sums.ipynb\"", page);
        Assert.Contains("href=\"downloads/exercises/02-sums.ipynb\"", page);
        Assert.True(File.Exists(Path.Combine(site, "downloads", "exercises", "02-sums.ipynb")));
        Assert.Contains("href=\"downloads/apps/exercises/02-sums.cs\"", page);
        Assert.True(File.Exists(Path.Combine(site, "downloads", "apps", "exercises", "02-sums.cs")));
        Assert.DoesNotContain("href=\"downloads/apps/02-sums.cs\"", page); // the fixture course has no course app
    }

    /// <summary>Appended to a copy of a page (in the site folder, so the search index loads): reports what rendered.</summary>
    const string Probe = """
        <script>
        window.__rnnErrors = [];
        window.addEventListener("error", function (e) { window.__rnnErrors.push(e.message); });
        window.addEventListener("load", function () {
          setTimeout(function () {
            var charts = document.querySelectorAll(".rnn-chart"), fitted = 0;
            charts.forEach(function (c) {
              var svg = c.querySelector("svg.main-svg"), column = c.closest(".rnn-output");
              if (svg && column && Math.abs(svg.getBoundingClientRect().width - column.clientWidth) <= 4) fitted++;
            });
            var sheets = document.querySelectorAll(".rnn-sheet-music");
            var staves = Array.prototype.filter.call(sheets, function (m) { return m.querySelector("svg .abcjs-staff") !== null; });
            var hits = Array.prototype.map.call(document.querySelectorAll("a.rnn-search-hit"), function (a) { return a.getAttribute("href"); });
            var probe = document.createElement("pre");
            probe.id = "rnn-probe";
            probe.textContent = "prev=" + document.querySelectorAll("a[rel=prev]").length + ";next=" + document.querySelectorAll("a[rel=next]").length +
              ";contents=" + document.querySelectorAll(".rnn-contents a").length + ";charts=" + charts.length + ";fitted=" + fitted +
              ";sheets=" + sheets.length + ";staves=" + staves.length +
              ";overflow=" + (document.documentElement.scrollWidth > window.innerWidth) + ";open=" + document.querySelectorAll("details[open]").length +
              ";hits=" + hits.join(",") + ";errors=" + window.__rnnErrors.join(" | ") + ";end";
            document.body.appendChild(probe);
          }, 800);
        });
        </script>
        """;

    internal static Dictionary<string, string> Open(string chromium, string page, string query = "")
    {
        string html = File.ReadAllText(page);
        string probed = Path.Combine(Path.GetDirectoryName(page)!, "probe-" + Path.GetFileName(page));
        File.WriteAllText(probed, html.Insert(html.LastIndexOf("</body>", StringComparison.Ordinal), Probe));
        string profile = FixtureNotebook.TemporaryFolder("chromium-profile");
        var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--window-size=1400,1000",
                     "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=15000",
                     "--dump-dom", new Uri(probed).AbsoluteUri + query,
                 })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish rendering the page within 90 s.");
        }
        File.Delete(probed);
        FixtureNotebook.Delete(profile);
        var match = ProbeResult().Match(dom.Result);
        Assert.True(match.Success, $"The page's probe never ran (scripts failed?). Chromium said: {errors.Result}");
        return match.Groups["pairs"].Value.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [SkippableFact]
    public void In_headless_chromium_offline_every_page_has_navigation_contents_fitted_charts_and_the_search_finds_a_word()
    {
        string chromium = HeadlessChromium.Require();
        var (artifacts, course) = Build();
        string site = BookSite.FolderOf(artifacts, SiteEdition.Learner);

        var first = Open(chromium, Path.Combine(site, "01-lines.html"));
        Assert.Equal("", first["errors"]);
        Assert.Equal(("0", "2"), (first["prev"], first["next"])); // next at the top and the bottom
        Assert.Equal("1", first["contents"]);
        Assert.Equal(("1", "1"), (first["charts"], first["fitted"]));
        Assert.Equal("false", first["overflow"]);

        var second = Open(chromium, Path.Combine(site, "02-sums.html"));
        Assert.Equal("", second["errors"]);
        Assert.Equal(("2", "0"), (second["prev"], second["next"]));
        Assert.Equal("2", second["contents"]);
        Assert.Equal("0", second["open"]);

        // A word of 02's prose that 01 never uses, picked from the notebooks themselves.
        string Prose(string name) => string.Join(" ", NotebookDocument.Load(Path.Combine(course, name + ".ipynb")).Cells
            .Where(c => (string?)c["cell_type"] == "markdown").Select(NotebookDocument.SourceOf)).ToLowerInvariant();
        var words01 = Regex.Matches(Prose("01-lines"), "[a-z]{5,}").Select(m => m.Value).ToHashSet();
        string word = Regex.Matches(Prose("02-sums"), "[a-z]{5,}").Select(m => m.Value).First(w => !words01.Contains(w));
        var search = Open(chromium, Path.Combine(site, "index.html"), "?q=" + word);
        Assert.Equal("", search["errors"]);
        var hits = search["hits"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith("02-sums.html#", h));
        var none = Open(chromium, Path.Combine(site, "index.html"), "?q=" + HiddenOutputWord);
        Assert.Equal("", none["hits"]);
    }

    [GeneratedRegex("<pre id=\"rnn-probe\">(?<pairs>prev=.*?);end</pre>", RegexOptions.Singleline)]
    private static partial Regex ProbeResult();
}
