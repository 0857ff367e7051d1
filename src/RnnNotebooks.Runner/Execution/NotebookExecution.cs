using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Runs a notebook's code cells top to bottom in one in-process kernel, stopping at the first failing
/// cell (later cells depend on it, and their errors would only hide the real one), or, when grading,
/// running every cell whatever fails (as nbgrader does: one broken exercise must not cost the others).
/// After every cell the executed copy is saved, so a notebook stopped mid-way still shows what ran.
/// </summary>
public static class NotebookExecution
{
    /// <summary>Executes <paramref name="notebook"/>, writing the executed copy to <paramref name="executedPath"/>.</summary>
    /// <param name="report">Told when each cell starts and finishes.</param>
    /// <param name="keepGoing">Run the cells after a failing one too.</param>
    /// <param name="outputLimit">The most characters of output a cell keeps (see <see cref="CellOutputs"/>), or null.</param>
    /// <param name="heldBackCode">
    /// Gives the code of a held-back cell (grading's hidden tests) once
    /// the cell has been reported started; null when the notebook has none.
    /// </param>
    /// <returns>True when every code cell succeeded.</returns>
    public static async Task<bool> RunAsync(NotebookDocument notebook, string executedPath, Action<CellReport> report,
        bool keepGoing = false, int? outputLimit = null, Func<Task<string?>>? heldBackCode = null)
    {
        // Relative paths in cells (datasets, files they write) behave as in Jupyter.
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!);

        var codeCells = notebook.CodeCells;
        foreach (var cell in codeCells) NotebookDocument.SetOutputs(cell, null, []);
        notebook.Save(executedPath);

        using var kernel = NotebookKernel.Create();
        // The first compilation warms Roslyn up (seconds); doing it here keeps that out of cell 1's time and time limit.
        await kernel.SendAsync(new SubmitCode("0", NotebookKernel.CSharp));
        var displayedById = new Dictionary<string, JsonObject>();
        bool succeeded = true;
        for (int i = 0; i < codeCells.Count; i++)
        {
            int number = i + 1;
            report(new CellReport(number, codeCells.Count, Finished: false));
            var clock = Stopwatch.StartNew();
            var outputs = new CellOutputs(displayedById, outputLimit);
            if (IsHeldBack(codeCells[i]))
            {
                // Its code exists in this process only from now on, when the cell is due to run.
                string? code = heldBackCode is null ? null : await heldBackCode();
                if (code is null) outputs.AddError("CellHeldBack", "The code of this cell was not handed over, so it could not run.");
                else NotebookDocument.SetSource(codeCells[i], code);
            }
            if (outputs.Error is null) await RunCellAsync(kernel, codeCells[i], number, outputs);
            NotebookDocument.SetOutputs(codeCells[i], number, outputs.Outputs);
            notebook.Save(executedPath);
            report(new CellReport(number, codeCells.Count, Finished: true, clock.Elapsed.TotalSeconds, outputs.Error));
            if (outputs.Error is null) continue;
            succeeded = false;
            if (!keepGoing) break;
        }
        return succeeded;
    }

    /// <summary>The cell metadata key that marks a cell whose code comes from the parent process when it runs.</summary>
    public const string HeldBackKey = "rnn_notebooks_held_back";

    /// <summary>True when the cell's code is handed over by the parent process when it runs (grading's hidden tests).</summary>
    public static bool IsHeldBack(JsonObject cell) => (bool?)((cell["metadata"] as JsonObject)?[HeldBackKey] as JsonValue) == true;

    static async Task RunCellAsync(Kernel kernel, JsonObject cell, int executionCount, CellOutputs outputs)
    {
        string language = LanguageOf(cell);
        if (language is not (NotebookKernel.CSharp or "c#"))
        {
            outputs.AddError("UnsupportedLanguage",
                $"This cell is marked as '{language}'; the runner runs C# cells only. Set the cell's language to C# (csharp).");
            return;
        }
        string code = NotebookDocument.SourceOf(cell);
        if (string.IsNullOrWhiteSpace(code)) return;

        var result = await kernel.SendAsync(new SubmitCode(code, NotebookKernel.CSharp));
        foreach (var e in result.Events) outputs.Add(e, executionCount);
    }

    /// <summary>The cell's kernel name from its Polyglot metadata; C# when it has none.</summary>
    static string LanguageOf(JsonObject cell)
    {
        var metadata = cell["metadata"] as JsonObject;
        string? name = (string?)(metadata?["polyglot_notebook"] as JsonObject)?["kernelName"]
                       ?? (string?)(metadata?["dotnet_interactive"] as JsonObject)?["language"];
        return (name ?? NotebookKernel.CSharp).ToLowerInvariant();
    }
}
