using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Feed;
using RnnNotebooks.Runner.Jupyter;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Jupyter;

/// <summary>
/// The CI proof of <c>kernel install</c>: Debian's Jupyter (nbconvert) executes notebook 01 through the
/// installed kernel, and its chart and results come out; neither 01 nor a fixture notebook with the constructs
/// that raised compiler warnings shows any warning or standard error. Hermetic: the kernel tool and the kernelspec go
/// to a temp XDG_DATA_HOME / JUPYTER_DATA_DIR and are uninstalled at the end.
/// </summary>
[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class JupyterKernelTests(ITestOutputHelper output)
{
    static readonly bool InCi = Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Skips on a developer's machine; fails under CI=true, where everything must be present.</summary>
    static void RequirePresent(bool present, string reason)
    {
        if (present) return;
        Assert.False(InCi, $"{reason} CI=true, so this check must run.");
        Skip.If(true, reason);
    }

    /// <summary>Debian's /usr/bin/jupyter (the pyenv python on PATH lacks the modules), else any jupyter on PATH.</summary>
    static string? FindJupyterWithNbconvert()
    {
        foreach (var candidate in new[] { "/usr/bin/jupyter", "jupyter" })
            if (ExternalCommand.TryRun(candidate, ["nbconvert", "--version"]) is { Succeeded: true }) return candidate;
        return null;
    }

    [SkippableFact]
    public void Nbconvert_executes_notebook_01_through_the_installed_kernel_with_its_chart()
    {
        string root = RepositoryRoot.Find();
        string notebook = Path.Combine(root, "notebooks", "01-perceptron.ipynb");
        string? jupyter = FindJupyterWithNbconvert();
        RequirePresent(jupyter is not null,
            "Jupyter with nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-client jupyter-core python3-ipykernel).");
        RequirePresent(File.Exists(notebook), $"{notebook} does not exist yet.");

        using var temp = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["XDG_DATA_HOME"] = temp.Sub("data"),
            ["JUPYTER_DATA_DIR"] = temp.Sub("jupyter"),
        };
        string ownedFolder = Path.Combine(temp.Sub("data"), "rnnnotebooks", "kernel");
        string kernelSpec = Path.Combine(temp.Sub("jupyter"), "kernels", KernelSpec.Name);
        try
        {
            var install = Timed("kernel install", () => RunKernelCommand("install", environment));
            Assert.True(install.Succeeded, install.Output + install.Error);
            Assert.Contains($"Installed the dotnet tool {KernelTool.PackageId} {KernelTool.Version} in {Path.Combine(ownedFolder, "tool")}", install.Output);
            Assert.Contains("Replaced the tool's FSharp.Core", install.Output);
            Assert.True(File.Exists(Path.Combine(kernelSpec, "kernel.json")));

            var again = Timed("kernel install (again)", () => RunKernelCommand("install", environment));
            Assert.True(again.Succeeded, again.Output + again.Error);
            Assert.Contains("already installed", again.Output);
            Assert.Contains("already up to date", again.Output);

            string executed = temp.Sub("01-perceptron.executed.ipynb");
            var run = Timed("nbconvert --execute 01-perceptron", () => ExternalCommand.TryRun(jupyter!,
                ["nbconvert", "--to", "notebook", "--execute", notebook, "--output", executed,
                 "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=180"], environment)!);
            Assert.True(run.Succeeded, $"nbconvert failed: {run.LastLine}\n{run.Error}");
            AssertChartAndNoErrors(File.ReadAllText(executed));
            AssertNoWarnings(File.ReadAllText(executed));

            // The constructs that made the stock kernel print compiler warnings as red standard error: a nullable
            // reference annotation (CS8632) and the chart library's assembly versions (CS1701).
            string fixture = Runner.FixtureNotebook.Write(temp.Sub("fixture"), "warnings", "# Warnings",
                "#r \"nuget: RnnNotebooks, *-*\"",
                "string? nothing = null;\nstatic int Length(string? text) => text?.Length ?? 0;\nConsole.WriteLine($\"length {Length(nothing)}\");",
                "using Plotly.NET.CSharp;\nvar chart = Chart.Line<double, double, string>(new[] { 0.0, 1 }, new[] { 1.0, 2 });\ndisplay(chart);",
                "int unused;\nConsole.WriteLine(\"done\");");
            string fixtureExecuted = temp.Sub("warnings.executed.ipynb");
            var fixtureRun = Timed("nbconvert --execute warnings", () => ExternalCommand.TryRun(jupyter!,
                ["nbconvert", "--to", "notebook", "--execute", fixture, "--output", fixtureExecuted,
                 "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=180"], environment)!);
            Assert.True(fixtureRun.Succeeded, $"nbconvert failed: {fixtureRun.LastLine}\n{fixtureRun.Error}");
            string fixtureText = File.ReadAllText(fixtureExecuted);
            AssertNoWarnings(fixtureText);
            Assert.Contains("length 0", fixtureText);
            Assert.Contains("done", fixtureText);
        }
        finally
        {
            var uninstall = RunKernelCommand("uninstall", environment);
            output.WriteLine(uninstall.Output + uninstall.Error);
            Assert.True(uninstall.Succeeded, uninstall.Output + uninstall.Error);
            Assert.False(Directory.Exists(ownedFolder), "kernel uninstall left the tool folder behind");
            Assert.False(Directory.Exists(kernelSpec), "kernel uninstall left the kernelspec behind");
        }
    }

    /// <summary>No output of any cell is a compiler warning, nor anything else on standard error.</summary>
    static void AssertNoWarnings(string executedNotebook)
    {
        var stderr = JsonNode.Parse(executedNotebook)!["cells"]!.AsArray()
            .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
            .Where(o => (string?)o!["name"] == "stderr" || o!.ToJsonString().Contains("warning CS", StringComparison.Ordinal))
            .Select(o => o!.ToJsonString()).ToList();
        Assert.True(stderr.Count == 0, "warnings or standard error: " + string.Join("; ", stderr));
    }

    static void AssertChartAndNoErrors(string executedNotebook)
    {
        var outputs = JsonNode.Parse(executedNotebook)!["cells"]!.AsArray()
            .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
            .Select(o => o!)
            .ToList();
        string Text(JsonNode? node) => node switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
            JsonValue value => value.GetValue<string>(),
            _ => "",
        };

        var errors = outputs.Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.True(errors.Count == 0, "error outputs: " + string.Join("; ", errors));
        var stderr = outputs.Where(o => (string?)o["name"] == "stderr").Select(o => Text(o["text"]))
            .Where(t => Regex.IsMatch(t, @"\berror\b|Exception", RegexOptions.IgnoreCase)).ToList();
        Assert.True(stderr.Count == 0, "standard error: " + string.Join("; ", stderr));

        var html = outputs.Select(o => Text(o["data"]?["text/html"])).ToList();
        Assert.Contains(html, h => h.Contains("rnn-chart") || h.Contains("Plotly.newPlot"));
        var stdout = string.Concat(outputs.Where(o => (string?)o["name"] == "stdout").Select(o => Text(o["text"])));
        Assert.Contains("XOR accuracy: 100%", stdout);
    }

    /// <summary>Runs the runner's <c>kernel</c> command as a user would, in its own process with the given environment.</summary>
    static ExternalCommandResult RunKernelCommand(string verb, IReadOnlyDictionary<string, string> environment) =>
        ExternalCommand.TryRun(DotNetInstallation.Muxer,
            [Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner.dll"), "kernel", verb], environment)!;

    T Timed<T>(string what, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
        if (result is ExternalCommandResult r) output.WriteLine(r.Output + r.Error);
        return result;
    }
}
