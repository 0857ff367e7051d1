using System.Globalization;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Runs a set of notebooks one after the other, each in its own process, printing one line per cell,
/// the details of every failure, and a summary; then writes the executed copies and the site.
/// A notebook that fails or cannot be read never stops the others.
/// </summary>
public static class CourseRun
{
    /// <summary>Runs every notebook the options name and returns how each ended, in order.</summary>
    public static async Task<IReadOnlyList<NotebookOutcome>> RunAsync(RunOptions options, TextWriter log)
    {
        string executedFolder = Path.Combine(options.ArtifactsFolder, "executed");
        var editions = options.TeacherEdition ? new[] { SiteEdition.Learner, SiteEdition.Teacher } : new[] { SiteEdition.Learner };
        var outcomes = new List<NotebookOutcome>();

        foreach (var path in Expand(options.Targets, outcomes, log))
        {
            NotebookDocument notebook;
            try { notebook = NotebookDocument.Load(path); }
            catch (NotebookFormatException e)
            {
                log.WriteLine($"error: {e.Message}");
                outcomes.Add(new NotebookOutcome(path, NotebookStatus.Unreadable, 0, 0, 0, Problem: e.Problem));
                continue;
            }
            if (notebook.ForeignLanguage is { } language)
            {
                string problem = $"is a {language} notebook (its kernelspec is not .NET C#); run executes C# notebooks only. Skipped: open it with its own kernel in Jupyter.";
                log.WriteLine($"skipped: {path} {problem}");
                outcomes.Add(new NotebookOutcome(path, NotebookStatus.Skipped, 0, 0, 0, Problem: problem));
                continue;
            }

            string executedPath = Path.Combine(executedFolder, notebook.Name + ".ipynb");
            var policy = new ExecutionPolicy(options.CellTimeout, options.PackageSources) { OutputLimit = options.OutputLimit };
            var outcome = await NotebookProcess.RunAsync(notebook, executedPath, policy,
                report =>
                {
                    if (report.Finished)
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{notebook.Name}  cell {report.Cell}/{report.Of}  {report.Seconds,6:0.0} s  {(report.Error is null ? "ok" : "FAILED")}"));
                });
            if (outcome.Failure is { } failure) WriteFailure(log, outcome, failure);
            BookSite.WritePage(outcome, options.ArtifactsFolder, editions);
            outcomes.Add(outcome);
        }

        if (outcomes.Any(o => o.ExecutedPath is not null)) BookSite.WriteIndexes(options.ArtifactsFolder, editions);
        RunSummary.Write(outcomes, log);
        return outcomes;
    }

    /// <summary>The notebook files the targets name, in order; a missing target becomes an unreadable outcome.</summary>
    static IEnumerable<string> Expand(IReadOnlyList<string> targets, List<NotebookOutcome> outcomes, TextWriter log)
    {
        foreach (var target in targets)
        {
            if (Directory.Exists(target))
            {
                var files = Directory.GetFiles(target, "*.ipynb", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    const string problem = "folder holds no .ipynb notebooks (sub-folders are not searched).";
                    log.WriteLine($"error: {target}: {problem}");
                    outcomes.Add(new NotebookOutcome(target, NotebookStatus.Unreadable, 0, 0, 0, Problem: problem));
                }
                foreach (var file in files) yield return file;
            }
            else yield return target;
        }
    }

    static bool IsFrameworkFrame(string line)
    {
        string trimmed = line.TrimStart();
        return trimmed.StartsWith("at Microsoft.", StringComparison.Ordinal) || trimmed.StartsWith("at System.", StringComparison.Ordinal)
               || trimmed.StartsWith("--- End of", StringComparison.Ordinal);
    }

    static void WriteFailure(TextWriter log, NotebookOutcome outcome, CellFailure failure)
    {
        var lines = failure.Source.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        log.WriteLine($"FAILED: {outcome.Path}, cell {failure.Cell} of {outcome.CellCount}:");
        foreach (var line in lines.Take(4)) log.WriteLine($"    | {line}");
        if (lines.Count > 4) log.WriteLine($"    | ... ({lines.Count - 4} more lines)");
        // The page and the executed copy keep the whole trace; the console shows the user's frames.
        var message = failure.Message.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !IsFrameworkFrame(l)).Take(12);
        foreach (var line in message) log.WriteLine($"  {line}");
    }
}
