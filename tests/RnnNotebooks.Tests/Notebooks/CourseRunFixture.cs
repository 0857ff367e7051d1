using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>
/// Executes the whole course (every notebook in notebooks/) once per test run, exactly as
/// <c>run</c> does: the library packed from this checkout, executed copies in artifacts/executed,
/// pages in artifacts/site. Tests in the "Course" collection share the result.
/// </summary>
public sealed class CourseRunFixture : IAsyncLifetime
{
    public string RepositoryRootFolder { get; } = RepositoryRoot.Find();
    public string Log { get; private set; } = "";
    public IReadOnlyList<NotebookOutcome> Outcomes { get; private set; } = [];

    public string NotebooksFolder => Path.Combine(RepositoryRootFolder, "notebooks");
    public string SiteFolder => Path.Combine(RepositoryRootFolder, "artifacts", "site");

    public async Task InitializeAsync()
    {
        var log = new StringWriter();
        var library = LocalFeed.EnsureFresh(RepositoryRootFolder, log);
        Outcomes = await CourseRun.RunAsync(
            new RunOptions([NotebooksFolder], RunCommand.DefaultCellTimeout, Path.Combine(RepositoryRootFolder, "artifacts"), [library.FeedFolder]),
            log);
        Log = log.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The executed copy of a notebook, failing with the run's log when it was not produced.</summary>
    public JsonNode Executed(string name)
    {
        var outcome = Outcomes.SingleOrDefault(o => o.Name == name);
        Assert.True(outcome?.ExecutedPath is not null, $"notebooks/{name}.ipynb was not executed. Run log:\n{Log}");
        return JsonNode.Parse(File.ReadAllText(outcome!.ExecutedPath!))!;
    }

    /// <summary>Every output of every code cell of the executed notebook, in order.</summary>
    public IEnumerable<JsonNode> Outputs(string name) => Executed(name)["cells"]!.AsArray()
        .Where(c => (string?)c!["cell_type"] == "code")
        .SelectMany(c => c!["outputs"]!.AsArray())!;

    /// <summary>Everything the notebook wrote to standard output, line by line.</summary>
    public string[] StandardOutputLines(string name) => string.Concat(Outputs(name)
            .Where(o => (string?)o["name"] == "stdout")
            .Select(o => FixtureNotebook.Lines(o["text"])))
        .Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>The outputs of the notebook that show a chart (a <c>div.rnn-chart</c>).</summary>
    public IEnumerable<JsonNode> Charts(string name) =>
        Outputs(name).Where(o => o["data"]?["text/html"] is { } html && FixtureNotebook.Lines(html).Contains("class=\"rnn-chart\""));
}

[CollectionDefinition(Name)]
public sealed class CourseCollection : ICollectionFixture<CourseRunFixture>
{
    public const string Name = "Course";
}
