using System.Diagnostics;
using System.Globalization;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Grades every submission in a folder: each submitted notebook gets a scratch copy with the teacher's
/// checks put back (<see cref="GradedCopy"/>), run in its own process under time and memory limits and,
/// where bubblewrap works, a <see cref="Sandbox"/>; several at once. Then the gradebook and the feedback
/// pages. A submission that loops, throws, allocates, floods output or is not a notebook scores 0 on what
/// it broke and never stops the others; no submitted file is written to.
/// </summary>
public sealed class GradingRun
{
    /// <summary>Submitted files larger than this are not read (a notebook is far smaller).</summary>
    const long MaxSubmissionBytes = 50L * 1024 * 1024;

    readonly GradeOptions _options;
    readonly TextWriter _log;
    Sandbox? _sandbox;

    GradingRun(GradeOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>Grades, writes the gradebook, prints a summary, and returns the gradebook.</summary>
    /// <exception cref="ExerciseFormatException">A course notebook is malformed.</exception>
    /// <exception cref="NotebookFormatException">A course file is not a notebook.</exception>
    /// <exception cref="InvalidOperationException">The course's packages cannot be restored, so nothing could be graded.</exception>
    public static Task<Gradebook> RunAsync(GradeOptions options, TextWriter log) => new GradingRun(options, log).RunAsync();

    async Task<Gradebook> RunAsync()
    {
        var sheets = ExercisesFolder.Sheets(_options.Course).Where(s => s.Exercises.Count > 0).ToList();
        if (sheets.Count == 0)
            throw new InvalidOperationException($"No course notebook in {_options.Course} has exercises: there is nothing to grade. Pass the course folder with --course.");
        var byFile = sheets.ToDictionary(s => Path.GetFileName(s.Notebook.Path), StringComparer.OrdinalIgnoreCase);

        var notes = new List<string>();
        var work = new List<(Submission Submission, ExerciseSheet Sheet)>();
        foreach (var submission in Submission.FindAll(_options.Submissions, notes))
        {
            if (byFile.TryGetValue(submission.FileName, out var sheet)) work.Add((submission, sheet));
            else notes.Add($"{submission.Student}/{submission.FileName}: no course notebook with exercises has this name, not graded. " +
                           $"Name each file as the course notebook it answers ({string.Join(", ", byFile.Keys.Order(StringComparer.Ordinal))}).");
        }
        foreach (var note in notes) Say($"note: {note}");

        // The gradebook's own folders are rewritten: pages and copies of an earlier run must not linger.
        foreach (var owned in new[] { Gradebook.FeedbackFolder, Gradebook.ExecutedFolder }.Select(f => Path.Combine(_options.Gradebook, f)))
            if (Directory.Exists(owned)) Directory.Delete(owned, recursive: true);
        Directory.CreateDirectory(_options.Gradebook);

        string sandboxLine = await PrepareAsync(sheets);
        Say($"Sandbox: {sandboxLine}");
        Say(string.Create(CultureInfo.InvariantCulture,
            $"Grading {work.Count} notebook{(work.Count == 1 ? "" : "s")} of {work.Select(w => w.Submission.Student).Distinct().Count()} student(s), {_options.Jobs} at a time; limits: {_options.CellTimeout.TotalSeconds:0} s a cell, {_options.NotebookTimeout.TotalSeconds:0} s a notebook, {_options.MemoryMegabytes} MB, {_options.OutputLimit:N0} characters of output a cell."));

        using var slots = new SemaphoreSlim(Math.Max(1, _options.Jobs));
        var grades = await Task.WhenAll(work.Select(async w =>
        {
            await slots.WaitAsync();
            try { return await GradeAsync(w.Submission, w.Sheet); }
            finally { slots.Release(); }
        }));

        var gradebook = new Gradebook(grades, notes, sandboxLine, _options);
        gradebook.Write(_options.Gradebook);
        gradebook.WriteSummary(_log);
        Say($"Gradebook: {Path.Combine(_options.Gradebook, Gradebook.CsvFile)}, {Path.Combine(_options.Gradebook, Gradebook.JsonFile)}; feedback pages in {Path.Combine(_options.Gradebook, Gradebook.FeedbackFolder)}");
        return gradebook;
    }

    /// <summary>Restores the course's packages, then checks a notebook can restore and run inside the sandbox; returns the sandbox line.</summary>
    async Task<string> PrepareAsync(IReadOnlyList<ExerciseSheet> sheets)
    {
        var warmUp = await RunInScratchAsync(sheets, sandbox: null);
        if (warmUp.Status != NotebookStatus.Succeeded)
            throw new InvalidOperationException($"The course's packages could not be restored, so no notebook could run: {warmUp.Failure?.Message}");
        if (!_options.UseSandbox) return "none: --no-sandbox was given; submissions can write anywhere this user can.";

        _sandbox = Sandbox.Find(out string problem);
        if (_sandbox is null) return $"none: {problem} Submissions run unsandboxed: they can write anywhere this user can.";
        var inside = await RunInScratchAsync(sheets, _sandbox);
        if (inside.Status == NotebookStatus.Succeeded) return _sandbox.Description;
        _sandbox = null;
        return $"none: bubblewrap works, but a notebook could not restore its packages and run inside it ({FirstLine(inside.Failure?.Message)}). Submissions run unsandboxed.";
    }

    async Task<NotebookOutcome> RunInScratchAsync(IReadOnlyList<ExerciseSheet> sheets, Sandbox? sandbox)
    {
        using var scratch = new Scratch();
        var notebook = PackageWarmUp.Create(sheets, Path.Combine(scratch.Work, "warm-up.ipynb"));
        notebook.Save(notebook.Path);
        // The first restore of a freshly packed library can take minutes on a busy machine; it is not a submission's time.
        var policy = Policy(scratch, sandbox) with { CellTimeout = TimeSpan.FromSeconds(Math.Max(_options.CellTimeout.TotalSeconds, 300)) };
        return await NotebookProcess.RunAsync(notebook, Path.Combine(scratch.Output, "warm-up.ipynb"), policy, _ => { });
    }

    async Task<NotebookGrade> GradeAsync(Submission submission, ExerciseSheet sheet)
    {
        var clock = Stopwatch.StartNew();
        string notebookName = sheet.Notebook.Name;
        NotebookDocument document;
        try
        {
            if (new FileInfo(submission.Path).Length > MaxSubmissionBytes)
                throw new NotebookFormatException(submission.Path, $"is larger than {MaxSubmissionBytes / (1024 * 1024)} MB, far more than a notebook; clear its outputs and hand it in again.");
            document = NotebookDocument.Load(submission.Path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            string problem = e is NotebookFormatException format ? format.Problem : e.Message;
            var zeros = sheet.Exercises.Select(x => new ExerciseResult(x, 0, $"{submission.FileName} {problem}", [])).ToList();
            return Done(new NotebookGrade(submission, notebookName, zeros, clock.Elapsed.TotalSeconds, null));
        }

        using var scratch = new Scratch();
        var graded = GradedCopy.Create(document, sheet, Path.Combine(scratch.Work, submission.FileName));
        graded.Save(graded.Path);
        var outcome = await NotebookProcess.RunAsync(graded, Path.Combine(scratch.Output, submission.FileName), Policy(scratch, _sandbox), _ => { });
        NotebookDocument? executed = null;
        string? kept = null;
        if (outcome.ExecutedPath is not null)
        {
            try { executed = NotebookDocument.Load(outcome.ExecutedPath); }
            catch (NotebookFormatException) { } // scored as if nothing ran
            kept = Path.Combine(_options.Gradebook, Gradebook.ExecutedFolder, submission.Student, submission.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            File.Copy(outcome.ExecutedPath, kept, overwrite: true);
        }
        var results = ExerciseScoring.Score(sheet, graded, executed, outcome, submission.FileName);
        return Done(new NotebookGrade(submission, notebookName, results, clock.Elapsed.TotalSeconds, kept));
    }

    NotebookGrade Done(NotebookGrade grade)
    {
        Say(string.Create(CultureInfo.InvariantCulture,
            $"graded {grade.Submission.Student}/{grade.Submission.FileName}: {grade.Points}/{grade.MaxPoints} points in {grade.Seconds:0.0} s"));
        return grade;
    }

    ExecutionPolicy Policy(Scratch scratch, Sandbox? sandbox)
    {
        var environment = new Dictionary<string, string>
        {
            // Its own temp folder: notebooks write files there, and parallel runs must not share them.
            ["TMPDIR"] = scratch.Temp,
        };
        if (sandbox is not null)
        {
            // A private home for the restore's project and NuGet's settings; packages come read-only from the
            // shared packages folder and the local feed only (no network inside).
            environment["HOME"] = scratch.Home;
            environment["NUGET_PACKAGES"] = PackagesFolder();
            environment["RestoreSources"] = string.Join(';', _options.PackageSources.Select(Path.GetFullPath));
            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        }
        return new ExecutionPolicy(_options.CellTimeout, _options.PackageSources)
        {
            NotebookTimeout = _options.NotebookTimeout,
            MemoryLimitMegabytes = _options.MemoryMegabytes,
            OutputLimit = _options.OutputLimit,
            KeepGoing = true,
            Environment = environment,
            // Hidden: other students' work, the solutions, the gradebook, and the home folder (keys, settings),
            // whose contents a cell could otherwise throw into its message on the feedback page.
            Launcher = sandbox is null ? null : info => sandbox.Wrap(info, scratch.Root,
                hidden: [_options.Submissions, _options.Course, _options.Gradebook, .. HomeFolder()],
                readable: [.. _options.PackageSources, PackagesFolder(), AppContext.BaseDirectory, DotNetRoot(), .. DatasetsFolder()]),
        };
    }

    /// <summary>The clone's datasets/, which the library reads the data it may not carry in its package from (datasets/README.md).</summary>
    static string[] DatasetsFolder()
    {
        try { return [Path.Combine(Feed.RepositoryRoot.Find(), "datasets")]; }
        catch (InvalidOperationException) { return []; }
    }

    static string[] HomeFolder() =>
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 1 } home ? [home] : [];

    /// <summary>The .NET installation running the grader (the runtime and the SDK the package restore uses), which may live in the home folder.</summary>
    static string DotNetRoot() =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>NuGet's global packages folder: NUGET_PACKAGES, else ~/.nuget/packages.</summary>
    static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    void Say(string line)
    {
        lock (_log) _log.WriteLine(line);
    }

    static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();

    /// <summary>A submission's own temp folder: work/ (the graded copy; the cells' working folder), out/, home/, tmp/.</summary>
    sealed class Scratch : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("rnn-grade-").FullName;
        public string Work => Sub("work");
        public string Output => Sub("out");
        public string Home => Sub("home");
        public string Temp => Sub("tmp");

        string Sub(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
