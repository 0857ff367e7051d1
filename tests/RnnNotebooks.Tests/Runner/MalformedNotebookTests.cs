using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// One run over notebooks that are valid JSON but not valid nbformat 4 (and one for another kernel), a
/// cell that prints 50 MB in small writes, and a healthy notebook: each gets its message and the run goes on.
/// </summary>
public sealed class MalformedNotebookRun : IAsyncLifetime
{
    public string Folder { get; } = FixtureNotebook.TemporaryFolder("malformed");
    public string Log { get; private set; } = "";
    public IReadOnlyList<NotebookOutcome> Outcomes { get; private set; } = [];
    public string Artifacts => Path.Combine(Folder, "artifacts");

    /// <summary>Kept small so that the 50 MB cell shows the cut without a 16 MB executed copy.</summary>
    public const int OutputLimit = 200_000;

    public async Task InitializeAsync()
    {
        string notebooks = Path.Combine(Folder, "notebooks");
        Broken(notebooks, "a-source-is-a-number", nb => Cell(nb, 1)["source"] = 42);
        Broken(notebooks, "b-no-cells", nb => nb.Remove("cells"));
        Broken(notebooks, "c-no-cell-type", nb => Cell(nb, 1).Remove("cell_type"));
        Broken(notebooks, "d-unknown-output", nb => Cell(nb, 1)["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "hologram" }));
        Broken(notebooks, "e-version-3", nb => nb["nbformat"] = 3);
        Broken(notebooks, "f-python", nb => nb["metadata"]!["kernelspec"] = new JsonObject
        {
            ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python",
        });
        FixtureNotebook.Write(notebooks, "g-prints-50-mb", "# Prints",
            "var line = new string('x', 1023) + \"\\n\";\nfor (int i = 0; i < 51_200; i++) Console.Write(line);");
        FixtureNotebook.Write(notebooks, "h-healthy", "# Healthy", "Console.WriteLine(\"still running: \" + (6 * 7));");
        var log = new StringWriter();
        Outcomes = await CourseRun.RunAsync(
            new RunOptions([notebooks], TimeSpan.FromSeconds(120), Artifacts, []) { OutputLimit = OutputLimit }, log);
        Log = log.ToString();
    }

    static JsonObject Cell(JsonObject notebook, int index) => (JsonObject)notebook["cells"]![index]!;

    static void Broken(string folder, string name, Action<JsonObject> damage)
    {
        string path = FixtureNotebook.Write(folder, name, "# Broken", "Console.WriteLine(1);");
        var notebook = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        damage(notebook);
        File.WriteAllText(path, notebook.ToJsonString());
    }

    public Task DisposeAsync()
    {
        FixtureNotebook.Delete(Folder);
        return Task.CompletedTask;
    }

    public NotebookOutcome Outcome(string name) => Outcomes.Single(o => o.Name == name);

    public string LineAbout(string name) =>
        Assert.Single(Log.Split('\n'), l => l.Contains(name + ".ipynb") && (l.StartsWith("error:") || l.StartsWith("skipped:")));
}

[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class MalformedNotebookTests(MalformedNotebookRun run) : IClassFixture<MalformedNotebookRun>
{
    [Theory]
    [InlineData("a-source-is-a-number", "cell 2: its \"source\" is the number 42, not text")]
    [InlineData("b-no-cells", "has no \"cells\" list")]
    [InlineData("c-no-cell-type", "cell 2: has no \"cell_type\"")]
    [InlineData("d-unknown-output", "cell 2: output 1 has the unknown output_type \"hologram\"")]
    [InlineData("e-version-3", "is an nbformat 3 notebook")]
    public void A_malformed_notebook_gets_one_line_naming_it_the_cell_the_problem_and_the_fix(string name, string problem)
    {
        string line = run.LineAbout(name);
        Assert.StartsWith("error:", line);
        Assert.Contains(problem, line);
        Assert.True(line.Contains("re-save it") || line.Contains("Restore the file") || line.Contains("Convert it"), line);
        Assert.Equal(NotebookStatus.Unreadable, run.Outcome(name).Status);
    }

    [Fact]
    public void A_version_3_notebook_is_told_how_to_convert_it()
    {
        Assert.Contains("jupyter nbconvert --to notebook --nbformat 4", run.LineAbout("e-version-3"));
    }

    [Fact]
    public void A_python_notebook_is_skipped_with_the_reason_and_is_not_a_failure()
    {
        string line = run.LineAbout("f-python");
        Assert.StartsWith("skipped:", line);
        Assert.Contains("is a python notebook", line);
        Assert.Contains("C# notebooks only", line);
        Assert.Equal(NotebookStatus.Skipped, run.Outcome("f-python").Status);
        Assert.Contains("1 skipped", run.Log);
    }

    [Fact]
    public void Fifty_megabytes_in_small_writes_finish_within_the_cell_time_and_are_cut_with_a_note()
    {
        var outcome = run.Outcome("g-prints-50-mb");
        Assert.Equal(NotebookStatus.Succeeded, outcome.Status);
        var executed = JsonNode.Parse(File.ReadAllText(outcome.ExecutedPath!))!;
        string kept = string.Concat(FixtureNotebook.OutputsOf(executed, "code-1")
            .SelectMany(o => o!["text"]!.AsArray()).Select(l => (string?)l));
        Assert.Contains(CellOutputs.TruncationNote(MalformedNotebookRun.OutputLimit), kept);
        Assert.True(kept.Length <= MalformedNotebookRun.OutputLimit + 200, $"kept {kept.Length} characters");
    }

    [Fact]
    public void The_healthy_notebook_still_runs_and_the_summary_counts_every_notebook()
    {
        Assert.Equal(NotebookStatus.Succeeded, run.Outcome("h-healthy").Status);
        Assert.Contains("8 notebooks: 2 ok, 5 failed, 1 skipped", run.Log);
    }
}
