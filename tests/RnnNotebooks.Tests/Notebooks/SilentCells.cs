using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>
/// A cell that runs for more than a few seconds shows its progress while it runs (a live training view), so a
/// learner never stares at a silent cell wondering whether it hangs. The run's log gives each code cell's time
/// (<c>06-lstm  cell 17/20    14.3 s  ok</c>); the executed copy shows whether the cell displayed a live view.
/// </summary>
public static partial class SilentCells
{
    /// <summary>The longest a cell may run with nothing live on the screen, in seconds.</summary>
    public const double Limit = 6;

    /// <summary>Each code cell the log says ran longer than <see cref="Limit"/> with no live view, named with the fix.</summary>
    public static IEnumerable<string> Find(string log, Func<string, JsonNode> executed)
    {
        foreach (Match m in CellLine().Matches(log))
        {
            double seconds = double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            if (seconds <= Limit) continue;
            string notebook = m.Groups["notebook"].Value;
            int number = int.Parse(m.Groups["cell"].Value, CultureInfo.InvariantCulture);
            var cell = executed(notebook)["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ElementAt(number - 1)!;
            // The first cell's `#r "nuget: …"` restores packages: the kernel shows its own progress there.
            if (FixtureNotebook.Lines(cell["source"]).TrimStart().StartsWith("#r ", StringComparison.Ordinal)) continue;
            bool live = (cell["outputs"]?.AsArray() ?? []).Any(o =>
                o!["data"]?["text/html"] is { } html && FixtureNotebook.Lines(html).Contains("class=\"rnn-live-training\""));
            if (!live)
                yield return FormattableString.Invariant($"{notebook}, cell {(string?)cell["id"]} (code cell {number}) ran {seconds:0.0} s with nothing live on the screen: ") +
                    "show its progress with a LiveTrainingView (Start, Report each step, Complete)";
        }
    }

    [GeneratedRegex(@"^(?<notebook>\S+)  cell (?<cell>\d+)/\d+\s+(?<seconds>\d+(?:\.\d+)?) s  (?:ok|FAILED)", RegexOptions.Multiline)]
    private static partial Regex CellLine();
}

/// <summary>The rule on a made-up log and notebook, without the course run.</summary>
public sealed class SilentCellsTests
{
    static JsonNode Notebook(params (string Id, string Source, string? Html)[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["id"] = c.Id, ["source"] = c.Source,
            ["outputs"] = c.Html is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = c.Html },
            }),
        })]),
    };

    static readonly JsonNode Course = Notebook(
        ("install", "#r \"nuget: RnnNotebooks, *-*\"", null),
        ("train", "trainer.Run(1000, step);", "<div class=\"rnn-live-training\"><div class=\"rnn-progress\">step 1,000/1,000</div></div>"),
        ("experiment", "foreach (var d in distances) Train(d);", "<table><tr><td>51%</td></tr></table>"));

    static string Log(double install, double train, double experiment) => string.Join("\n",
        FormattableString.Invariant($"99-fixture  cell 1/3  {install,6:0.0} s  ok"),
        FormattableString.Invariant($"99-fixture  cell 2/3  {train,6:0.0} s  ok"),
        FormattableString.Invariant($"99-fixture  cell 3/3  {experiment,6:0.0} s  ok"),
        "1 notebook: 1 ok, 0 failed; 3/3 cells ran in 40.0 s.");

    [Fact]
    public void A_long_cell_with_no_live_view_is_named_with_its_time_and_the_fix()
    {
        var silent = Assert.Single(SilentCells.Find(Log(2.5, 20.0, 9.4), _ => Course));
        Assert.Contains("99-fixture, cell experiment (code cell 3) ran 9.4 s", silent);
        Assert.Contains("LiveTrainingView", silent);
    }

    [Fact]
    public void Short_cells_the_package_install_and_cells_with_a_live_view_pass() =>
        Assert.Empty(SilentCells.Find(Log(12.0, 20.0, 5.9), _ => Course));
}

/// <summary>In the course run, no cell runs longer than <see cref="SilentCells.Limit"/> seconds without showing progress.</summary>
[Collection(CourseCollection.Name)]
public sealed class CourseProgressTests(CourseRunFixture course)
{
    [Fact]
    public void Every_cell_that_runs_longer_than_six_seconds_shows_live_progress()
    {
        var silent = SilentCells.Find(course.Log, course.Executed).ToList();
        Assert.True(silent.Count == 0, string.Join("\n", silent));
    }
}
