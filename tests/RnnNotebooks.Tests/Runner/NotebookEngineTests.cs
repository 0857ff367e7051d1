using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Runner;

/// <summary>A small fixture notebook run once through the engine, plus one that loads a kernel extension from a package.</summary>
public sealed class EngineRun : IAsyncLifetime
{
    public string Folder { get; } = FixtureNotebook.TemporaryFolder("engine");
    public string Log { get; private set; } = "";
    public IReadOnlyList<NotebookOutcome> Outcomes { get; private set; } = [];
    public string PackageVersion { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string feed = Path.Combine(Folder, "feed");
        PackageVersion = FixturePackage.Build(feed);
        string notebooks = Path.Combine(Folder, "notebooks");
        FixtureNotebook.Write(notebooks, "outputs", "# Outputs\nMaths: $w^\\top x + b$.",
            "Console.WriteLine(\"to stdout\");\nConsole.Error.WriteLine(\"to stderr\");",
            "6 * 7",
            // The kernel's own display keeps one id across updates (System.DisplayExtensions.Display does not, in this version).
            "var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(\n" +
            "    Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"epoch 1\", \"text/plain\");\n" +
            "for (int e = 2; e <= 5; e++) shown.Update($\"epoch {e}\");",
            "System.IO.File.WriteAllText(\"written-by-cell.txt\", \"relative paths resolve in the notebook's folder\");");
        FixtureNotebook.Write(notebooks, "extension", "# Extension",
            $"#r \"nuget: {FixturePackage.Id}, {PackageVersion}\"",
            "new FixtureLib.Greeting(\"course\")");

        var log = new StringWriter();
        Outcomes = await CourseRun.RunAsync(
            new RunOptions([notebooks], RunCommand.DefaultCellTimeout, Path.Combine(Folder, "artifacts"), [feed]), log);
        Log = log.ToString();
    }

    public Task DisposeAsync()
    {
        FixtureNotebook.Delete(Folder);
        return Task.CompletedTask;
    }

    public JsonNode Executed(string name) =>
        JsonNode.Parse(File.ReadAllText(Outcomes.Single(o => o.Name == name).ExecutedPath!))!;
}

[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class NotebookEngineTests(EngineRun run) : IClassFixture<EngineRun>
{
    [Fact]
    public void The_fixture_notebook_succeeds_with_one_progress_line_per_cell()
    {
        var outcome = run.Outcomes.Single(o => o.Name == "outputs");
        Assert.True(outcome.Status == NotebookStatus.Succeeded, run.Log);
        Assert.Equal(4, outcome.CellsRun);
        for (int cell = 1; cell <= 4; cell++) Assert.Contains($"outputs  cell {cell}/4", run.Log);
    }

    [Fact]
    public void Streams_become_stdout_and_stderr_outputs()
    {
        var outputs = FixtureNotebook.OutputsOf(run.Executed("outputs"), "code-1");
        var stdout = outputs.Single(o => (string?)o!["name"] == "stdout")!;
        var stderr = outputs.Single(o => (string?)o!["name"] == "stderr")!;
        Assert.Equal("stream", (string?)stdout["output_type"]);
        Assert.Equal("to stdout\n", FixtureNotebook.Lines(stdout["text"]));
        Assert.Equal("to stderr\n", FixtureNotebook.Lines(stderr["text"]));
    }

    [Fact]
    public void The_cells_value_becomes_an_execute_result_with_its_execution_count()
    {
        var result = Assert.Single(FixtureNotebook.OutputsOf(run.Executed("outputs"), "code-2"))!;
        Assert.Equal("execute_result", (string?)result["output_type"]);
        Assert.Equal(2, (int?)result["execution_count"]);
        Assert.Contains("<pre>42</pre>", FixtureNotebook.Data(result, "text/html"));
    }

    [Fact]
    public void An_updated_display_keeps_one_output_holding_the_final_state()
    {
        var display = Assert.Single(FixtureNotebook.OutputsOf(run.Executed("outputs"), "code-3"))!;
        Assert.Equal("display_data", (string?)display["output_type"]);
        Assert.Equal("epoch 5", FixtureNotebook.Data(display, "text/plain"));
    }

    [Fact]
    public void Cells_run_in_the_notebooks_folder()
    {
        Assert.True(File.Exists(Path.Combine(run.Folder, "notebooks", "written-by-cell.txt")));
    }

    [Fact]
    public void The_executed_copy_keeps_cell_ids_metadata_and_notebook_metadata()
    {
        var executed = run.Executed("outputs");
        var ids = executed["cells"]!.AsArray().Select(c => (string?)c!["id"]).ToArray();
        Assert.Equal(["intro", "code-1", "code-2", "code-3", "code-4"], ids);
        Assert.Equal("fixture", (string?)executed["cells"]![1]!["metadata"]!["tags"]![0]);
        Assert.Equal(".net-csharp", (string?)executed["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal(4, (int?)executed["nbformat"]);
    }

    [Fact]
    public void A_kernel_extension_in_a_restored_package_is_loaded_and_formats_the_packages_types()
    {
        var outcome = run.Outcomes.Single(o => o.Name == "extension");
        Assert.True(outcome.Status == NotebookStatus.Succeeded, run.Log);
        var greeting = Assert.Single(FixtureNotebook.OutputsOf(run.Executed("extension"), "code-2"))!;
        Assert.Equal("<b class=\"greeting\">Hello, course</b>", FixtureNotebook.Data(greeting, "text/html"));
    }

    [Fact]
    public void The_site_has_a_page_per_notebook_and_an_index_linking_them()
    {
        string site = Path.Combine(run.Folder, "artifacts", "site");
        string index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("href=\"outputs.html\"", index);
        Assert.Contains("href=\"extension.html\"", index);
        string page = File.ReadAllText(Path.Combine(site, "outputs.html"));
        Assert.Contains("<span class=\"math\">w^\\top x + b</span>", page);
        Assert.Contains("to stdout", page);
    }
}
