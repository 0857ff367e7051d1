using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// One run over a folder of broken inputs plus a healthy notebook: each problem gets its message and
/// the run goes on. The run happens once for the class; each test checks one behaviour.
/// </summary>
public sealed class BadInputRun : IAsyncLifetime
{
    /// <summary>Short, for the run with the never-ending cell; the kernel's warm-up is not counted in it.</summary>
    public const int CellTimeoutSeconds = 20;

    public string Folder { get; } = FixtureNotebook.TemporaryFolder("bad-input");
    public string Log { get; private set; } = "";
    public string TimeoutLog { get; private set; } = "";
    public IReadOnlyList<NotebookOutcome> Outcomes { get; private set; } = [];
    public IReadOnlyList<NotebookOutcome> TimeoutOutcomes { get; private set; } = [];
    public string Artifacts => Path.Combine(Folder, "artifacts");

    public async Task InitializeAsync()
    {
        string notebooks = Path.Combine(Folder, "notebooks");
        FixtureNotebook.Write(notebooks, "a-throws", "# Throws",
            "var before = 1;",
            "// the learner's mistake\nthrow new InvalidOperationException(\"weights are NaN\");",
            "Console.WriteLine(\"never printed\");");
        File.WriteAllText(Path.Combine(notebooks, "c-not-json.ipynb"), "{ \"cells\": [ oops");
        File.WriteAllText(Path.Combine(notebooks, "d-not-a-notebook.ipynb"), "{ \"hello\": \"world\" }");
        FixtureNotebook.Write(notebooks, "e-healthy", "# Healthy", "Console.WriteLine(\"still running: \" + (6 * 7));");
        var log = new StringWriter();
        Outcomes = await CourseRun.RunAsync(
            new RunOptions([notebooks, Path.Combine(Folder, "missing.ipynb")], RunCommand.DefaultCellTimeout, Artifacts, []), log);
        Log = log.ToString();

        // The never-ending cell gets its own run with a short limit, followed by a notebook that must still run.
        string hanging = Path.Combine(Folder, "hanging");
        var hangs = FixtureNotebook.Write(hanging, "b-hangs", "# Hangs", "while (true) { System.Threading.Thread.Sleep(50); }");
        var after = FixtureNotebook.Write(hanging, "f-after", "# After", "Console.WriteLine(\"ran after the stopped notebook\");");
        var timeoutLog = new StringWriter();
        TimeoutOutcomes = await CourseRun.RunAsync(
            new RunOptions([hangs, after], TimeSpan.FromSeconds(CellTimeoutSeconds), Artifacts, []), timeoutLog);
        TimeoutLog = timeoutLog.ToString();
    }

    public Task DisposeAsync()
    {
        FixtureNotebook.Delete(Folder);
        return Task.CompletedTask;
    }

    public NotebookOutcome Outcome(string name) => Outcomes.Concat(TimeoutOutcomes).Single(o => o.Name == name);
}

[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class BadInputTests(BadInputRun run) : IClassFixture<BadInputRun>
{
    [Fact]
    public void A_cell_that_throws_names_the_notebook_the_cell_its_first_line_and_the_error()
    {
        var outcome = run.Outcome("a-throws");
        Assert.Equal(NotebookStatus.Failed, outcome.Status);
        Assert.Equal(2, outcome.Failure!.Cell);
        Assert.Equal(1, outcome.CellsRun);
        Assert.Contains("a-throws.ipynb, cell 2 of 3", run.Log);
        Assert.Contains("| // the learner's mistake", run.Log);
        Assert.Contains("InvalidOperationException: weights are NaN", run.Log);
        var executed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(outcome.ExecutedPath!))!;
        Assert.Empty(FixtureNotebook.OutputsOf(executed, "code-3"));
        Assert.Contains("weights are NaN", FixtureNotebook.OutputsOf(executed, "code-2").ToJsonString());
    }

    [Fact]
    public void A_cell_that_never_ends_is_stopped_at_the_timeout_with_a_clear_message()
    {
        var outcome = run.Outcome("b-hangs");
        Assert.Equal(NotebookStatus.Failed, outcome.Status);
        Assert.Equal(1, outcome.Failure!.Cell);
        Assert.Contains($"Cell 1 did not finish within {BadInputRun.CellTimeoutSeconds} s and was stopped", outcome.Failure.Message);
        Assert.Contains("--cell-timeout", run.TimeoutLog);
        Assert.Equal(NotebookStatus.Succeeded, run.Outcome("f-after").Status);
        // The executed copy and the page both show why the cell has no result.
        Assert.Contains("did not finish within", File.ReadAllText(outcome.ExecutedPath!));
        Assert.Contains("did not finish within", File.ReadAllText(Path.Combine(run.Artifacts, "site", "b-hangs.html")));
    }

    [Fact]
    public void A_file_that_is_not_json_gets_one_line_naming_it_and_the_problem()
    {
        var line = Assert.Single(run.Log.Split('\n'), l => l.Contains("c-not-json.ipynb"));
        Assert.StartsWith("error:", line);
        Assert.Contains("is not valid JSON", line);
        Assert.Equal(NotebookStatus.Unreadable, run.Outcome("c-not-json").Status);
    }

    [Fact]
    public void Json_that_is_not_a_notebook_gets_one_line_naming_it_and_the_problem()
    {
        var line = Assert.Single(run.Log.Split('\n'), l => l.Contains("d-not-a-notebook.ipynb"));
        Assert.Contains("not an nbformat 4 notebook", line);
        Assert.Equal(NotebookStatus.Unreadable, run.Outcome("d-not-a-notebook").Status);
    }

    [Fact]
    public void A_missing_file_gets_one_line_naming_it()
    {
        var line = Assert.Single(run.Log.Split('\n'), l => l.StartsWith("error:") && l.Contains("missing.ipynb"));
        Assert.Contains("no such file", line);
    }

    [Fact]
    public void The_other_notebooks_still_run_and_the_summary_lists_every_notebook()
    {
        var healthy = run.Outcome("e-healthy");
        Assert.Equal(NotebookStatus.Succeeded, healthy.Status);
        Assert.Contains("still running: 42", File.ReadAllText(healthy.ExecutedPath!));
        Assert.Contains("e-healthy  cell 1/1", run.Log);
        Assert.Equal(5, run.Outcomes.Count);
        Assert.Contains("5 notebooks: 1 ok, 4 failed", run.Log);
        Assert.Contains("FAILED at cell 2", run.Log);
    }

    [Fact]
    public void The_index_links_every_page_and_marks_the_notebook_that_failed()
    {
        string index = File.ReadAllText(Path.Combine(run.Artifacts, "site", "index.html"));
        Assert.Contains("href=\"a-throws.html\"", index); // written by the earlier run into the same site
        Assert.Contains("href=\"e-healthy.html\"", index);
        Assert.Contains("href=\"f-after.html\">After</a>", index); // each notebook under its title
        Assert.Contains("href=\"b-hangs.html\">Hangs</a> <span class=\"rnn-failed\">(failed at cell 1)</span>", index);
        Assert.DoesNotContain("not-json", index);
    }
}
