using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Site;
using RnnNotebooks.Tests.Notebooks;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// The learner's edition of the real course, as the course run wrote it (artifacts/site), in headless Chromium
/// with networking off: every page has previous/next links and a contents list, its charts draw at the page's
/// width and nothing sticks out sideways, no solution is open; a word of one page's prose only is found by the
/// search and links there; no page and no search index holds a hidden test or shows a solution outside its
/// closed control.
/// </summary>
[Collection(CourseCollection.Name)]
public sealed partial class CourseSiteTests(CourseRunFixture course)
{
    [SkippableFact]
    public void The_learners_edition_reads_as_a_book_offline_and_holds_no_hidden_test_or_open_solution()
    {
        Assert.All(course.Outcomes, o => Assert.NotNull(o.ExecutedPath));
        string chromium = HeadlessChromium.Require();
        CheckLearnersEdition(course.SiteFolder, course.NotebooksFolder, chromium);

        // Issue 20: 08's tunes are drawn as sheet music, an SVG staff each, with no network.
        var music = BookSiteTests.Open(chromium, Path.Combine(course.SiteFolder, "08-music-generation.html"));
        Assert.True(int.Parse(music["staves"]) >= 5, $"08's page draws {music["staves"]} staves of its {music["sheets"]} tunes");
    }

    /// <summary>The checks, on any learner's edition written from <paramref name="notebooksFolder"/>.</summary>
    internal static void CheckLearnersEdition(string site, string notebooksFolder, string chromium)
    {
        var pages = BookPageRecord.LoadAll(site).Select(p => p.Name).ToList();
        Assert.True(pages.Count >= 2, $"the site in {site} has {pages.Count} pages");
        string search = File.ReadAllText(Path.Combine(site, SearchIndex.FileName));
        var hidden = HiddenTestLines(notebooksFolder);
        var solutions = SolutionLines(notebooksFolder);
        Assert.True(hidden.Count > 0 && solutions.Count > 0, $"{hidden.Count} hidden-test and {solutions.Count} solution lines found in {notebooksFolder}");
        // Neighbours are the course's notebooks (in name order), whether or not the site holds their pages yet.
        var course = Directory.GetFiles(notebooksFolder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        for (int i = 0; i < pages.Count; i++)
        {
            string file = Path.Combine(site, pages[i] + ".html");
            var shown = BookSiteTests.Open(chromium, file);
            string where = $"{pages[i]}.html";
            Assert.True(shown["errors"] == "", $"{where}: script errors {shown["errors"]}");
            int at = course.IndexOf(pages[i]);
            Assert.True(shown["prev"] == (at == 0 ? "0" : "2"), $"{where}: {shown["prev"]} previous links (top and bottom)");
            Assert.True(shown["next"] == (at == course.Count - 1 ? "0" : "2"), $"{where}: {shown["next"]} next links (top and bottom)");
            Assert.True(int.Parse(shown["contents"]) > 0, $"{where}: no contents list");
            Assert.True(shown["charts"] == shown["fitted"], $"{where}: {shown["fitted"]} of {shown["charts"]} charts at the page's width");
            Assert.True(shown["sheets"] == shown["staves"], $"{where}: {shown["staves"]} of {shown["sheets"]} tunes drawn as a staff");
            Assert.True(shown["overflow"] == "false", $"{where}: the page is wider than the window");
            Assert.True(shown["open"] == "0", $"{where}: a solution is open");

            string html = File.ReadAllText(file);
            Assert.DoesNotContain("HIDDEN TESTS", html);
            foreach (var line in hidden) Assert.False(html.Contains(System.Net.WebUtility.HtmlEncode(line), StringComparison.Ordinal), $"{where} shows the hidden test line '{line}'");
            string outsideSolutions = Regex.Replace(html, "<details class=\"rnn-solution\">.*?</details>", "", RegexOptions.Singleline);
            foreach (var line in solutions)
                Assert.False(outsideSolutions.Contains(System.Net.WebUtility.HtmlEncode(line), StringComparison.Ordinal), $"{where} shows the solution line '{line}' outside its closed control");
        }
        foreach (var line in hidden.Concat(solutions))
            Assert.False(search.Contains(line, StringComparison.Ordinal), $"the search index holds '{line}'");

        // A word that only one page's prose uses, picked now from the notebooks: the search finds it there only.
        var words = pages.ToDictionary(p => p, p => Regex.Matches(Prose(Path.Combine(notebooksFolder, p + ".ipynb")), "[a-z]{7,}").Select(m => m.Value).ToHashSet());
        string page = pages[pages.Count / 2];
        string word = words[page].Order(StringComparer.Ordinal).First(w => pages.Where(p => p != page).All(p => !words[p].Contains(w)));
        var found = BookSiteTests.Open(chromium, Path.Combine(site, "index.html"), "?q=" + word);
        var hits = found["hits"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(hits.Length > 0, $"the search finds no '{word}' (from {page}'s prose)");
        Assert.All(hits, h => Assert.StartsWith(page + ".html", h));
    }

    static string Prose(string notebook) => string.Join(" ", NotebookDocument.Load(notebook).Cells
        .Where(c => (string?)c["cell_type"] == "markdown").Select(NotebookDocument.SourceOf)).ToLowerInvariant();

    /// <summary>The lines of the course's hidden tests and solutions that are code (not blank, not a marker, not a lone brace).</summary>
    /// <remarks>A line the notebooks' open code also has (a loop header such as <c>for (int j = 0; j &lt; n; j++)</c>)
    /// gives nothing away, so only lines found in no code outside the marked regions count.</remarks>
    static List<string> MarkedLines(string notebooksFolder, Regex region)
    {
        var code = Directory.GetFiles(notebooksFolder, "*.ipynb").SelectMany(f => NotebookDocument.Load(f).Cells.Where(NotebookDocument.IsCode))
            .Select(c => NotebookDocument.SourceOf(c).ReplaceLineEndings("\n")).ToList();
        var open = code.Select(c => SolutionRegion().Replace(HiddenRegion().Replace(c, ""), ""))
            .SelectMany(c => c.Split('\n')).Select(l => l.Trim()).ToHashSet();
        return code.SelectMany(c => region.Matches(c))
            .SelectMany(m => m.Groups["code"].Value.Split('\n'))
            .Select(l => l.Trim()).Where(l => l.Length >= 12 && !l.StartsWith("//", StringComparison.Ordinal) && !open.Contains(l))
            .Distinct().ToList();
    }

    static List<string> HiddenTestLines(string notebooksFolder) => MarkedLines(notebooksFolder, HiddenRegion());

    // Solution lines a checks cell or the prose may also quote (a call of the function the learner writes) are not secrets:
    // only lines that declare or compute something are kept.
    static List<string> SolutionLines(string notebooksFolder) => MarkedLines(notebooksFolder, SolutionRegion())
        .Where(l => l.Contains('=') || l.StartsWith("return ", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"^[ \t]*// BEGIN HIDDEN TESTS[^\n]*\n(?<code>.*?)^[ \t]*// END HIDDEN TESTS", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HiddenRegion();

    [GeneratedRegex(@"^[ \t]*// BEGIN SOLUTION[^\n]*\n(?<code>.*?)^[ \t]*// END SOLUTION", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SolutionRegion();
}
