using System.Diagnostics;
using System.Globalization;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Grades every submission in a folder. Each course notebook is run alone first, for the expected value of
/// every check (<see cref="ExpectedChecks"/>); then each submitted notebook gets a scratch copy with the
/// teacher's checks put back without their expected values (<see cref="GradedCopy"/>), without the cells no
/// grade depends on (<see cref="UngradedCells"/>), run in its own
/// process under time and memory limits and, where bubblewrap works, a <see cref="Sandbox"/>, several at
/// once, where its checks write only the learner's answers; the grader compares them
/// (<see cref="ExerciseScoring"/>). Then the gradebook and the feedback pages. A submission that loops,
/// throws, allocates, floods output or is not a notebook scores 0 on what it broke and never stops the
/// others; no submitted file is written to.
/// </summary>
public sealed class GradingRun
{
    /// <summary>Submitted files larger than this are not read (a notebook is far smaller).</summary>
    const long MaxSubmissionBytes = 50L * 1024 * 1024;

    readonly GradeOptions _options;
    readonly TextWriter _log;
    Sandbox? _sandbox;
    LibraryReferences? _references;

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
        // What the cells compile against, now that the packages are restored, for the forbidden members (ForbiddenMembers).
        _references = LibraryReferences.FromPackages(sheets.SelectMany(s => s.Notebook.CodeCells.Select(NotebookDocument.SourceOf)), PackagesFolder(), _options.PackageSources);
        foreach (var sheet in work.Select(w => w.Sheet).Distinct()) ForbiddenMembers.CheckCourse(sheet, _references);
        Say($"Sandbox: {sandboxLine}");
        if (_sandbox is not null)
            foreach (var exposed in ExposedCourseCopies())
                Say($"warning: {exposed} holds solutions or hidden tests and is readable by every submission; move it out of {string.Join(", ", ReadableFolders())}.");
        Say(string.Create(CultureInfo.InvariantCulture,
            $"Grading {work.Count} notebook{(work.Count == 1 ? "" : "s")} of {work.Select(w => w.Submission.Student).Distinct().Count()} student(s), {_options.Jobs} at a time; limits: {_options.CellTimeout.TotalSeconds:0} s a cell, {_options.NotebookTimeout.TotalSeconds:0} s a notebook, {_options.MemoryMegabytes} MB, {_options.DiskMegabytes} MB of files, {_options.TmpMegabytes} MB of /tmp, {_options.Threads} threads, {_options.OutputLimit:N0} characters of output a cell."));

        using var slots = new SemaphoreSlim(Math.Max(1, _options.Jobs));
        // Every expected value is known before any submission runs, and is held only in this process.
        var referenceSheets = work.Select(w => w.Sheet).Distinct().ToList();
        var expected = (await Task.WhenAll(referenceSheets.Select(async sheet =>
        {
            await slots.WaitAsync();
            try { return (Sheet: sheet, Checks: await ExpectAsync(sheet)); }
            finally { slots.Release(); }
        }))).ToDictionary(x => x.Sheet, x => x.Checks);
        var grades = await Task.WhenAll(work.Select(async w =>
        {
            await slots.WaitAsync();
            try { return await GradeAsync(w.Submission, w.Sheet, expected[w.Sheet]); }
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
        // Two restores of one freshly packed library at the same moment race in NuGet's packages folder (the loser
        // reports that the package "already exists"); a second attempt finds it extracted.
        if (warmUp.Status != NotebookStatus.Succeeded && warmUp.Failure?.Message.Contains("already exists", StringComparison.Ordinal) == true)
            warmUp = await RunInScratchAsync(sheets, sandbox: null);
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

    /// <summary>
    /// Runs the course notebook alone (its reference copy, in the same sandbox and limits as a submission) and
    /// reads the expected value of every check from it.
    /// </summary>
    async Task<ExpectedChecks> ExpectAsync(ExerciseSheet sheet)
    {
        using var scratch = new Scratch();
        string file = Path.GetFileName(sheet.Notebook.Path);
        var reference = GradedCopy.Reference(sheet, Path.Combine(scratch.Work, file));
        reference.Save(reference.Path);
        var outcome = await NotebookProcess.RunAsync(reference, Path.Combine(scratch.Output, file), Policy(scratch, _sandbox, CheckMode.Expected), _ => { });
        var checks = ExpectedChecks.Read(sheet, reference, outcome);
        Say(string.Create(CultureInfo.InvariantCulture,
            $"expected values of {file}: {checks.ByCell.Values.Sum(c => c.Count)} checks from a run of the course alone in {outcome.Seconds:0.0} s; grading {UngradedCells.Summary(sheet)}"));
        return checks;
    }

    async Task<NotebookGrade> GradeAsync(Submission submission, ExerciseSheet sheet, ExpectedChecks expected)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await GradeOrThrowAsync(submission, sheet, expected, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever shape a submission takes, it costs only its own grade: the others and the gradebook go on.
            Say($"note: {submission.Student}/{submission.FileName} could not be graded ({e.GetType().Name}): scored 0.");
            return Zeros(submission, sheet, "could not be graded: the file is not a notebook the grader can run. Re-save it from Jupyter or VS Code and hand it in again.", clock);
        }
    }

    async Task<NotebookGrade> GradeOrThrowAsync(Submission submission, ExerciseSheet sheet, ExpectedChecks expected, Stopwatch clock)
    {
        NotebookDocument document;
        try
        {
            if (new FileInfo(submission.Path).Length > MaxSubmissionBytes)
                throw new NotebookFormatException(submission.Path, $"is larger than {MaxSubmissionBytes / (1024 * 1024)} MB, far more than a notebook; clear its outputs and hand it in again.");
            document = NotebookDocument.Load(submission.Path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            return Zeros(submission, sheet, e is NotebookFormatException format ? format.Problem : e.Message, clock);
        }

        using var scratch = new Scratch();
        // Written before any submission code runs, into a folder only the grader has seen so far.
        // It holds no hidden test: those are handed to the process cell by cell, as they run.
        var (graded, heldBack) = GradedCopy.Create(document, sheet, Path.Combine(scratch.Work, submission.FileName));
        graded.Save(graded.Path);
        var policy = Policy(scratch, _sandbox, CheckMode.Answers) with { HeldBack = heldBack };
        var outcome = await NotebookProcess.RunAsync(graded, Path.Combine(scratch.Output, submission.FileName), policy, _ => { });
        // The executed copy was read back as hostile input; it is written only where no submission can reach.
        NotebookDocument? executed = outcome.Executed;
        string? kept = null;
        if (executed is not null)
        {
            kept = Path.Combine(_options.Gradebook, Gradebook.ExecutedFolder, submission.Student, submission.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
            executed.Save(kept);
        }
        var results = ForbiddenMembers.Apply(ExerciseScoring.Score(sheet, graded, executed, outcome, expected, submission.FileName),
            ForbiddenMembers.Find(sheet, graded, _references!));
        return Done(new NotebookGrade(submission, sheet.Notebook.Name, results, clock.Elapsed.TotalSeconds, kept));
    }

    NotebookGrade Zeros(Submission submission, ExerciseSheet sheet, string problem, Stopwatch clock)
    {
        var zeros = sheet.Exercises.Select(x => new ExerciseResult(x, 0, $"{submission.FileName} {problem}", [])).ToList();
        return Done(new NotebookGrade(submission, sheet.Notebook.Name, zeros, clock.Elapsed.TotalSeconds, null));
    }

    NotebookGrade Done(NotebookGrade grade)
    {
        Say(string.Create(CultureInfo.InvariantCulture,
            $"graded {grade.Submission.Student}/{grade.Submission.FileName}: {grade.Points}/{grade.MaxPoints} points in {grade.Seconds:0.0} s"));
        return grade;
    }

    /// <summary>
    /// The only variables of the grader's environment a submission's process gets (plus the few the runner
    /// sets): what the runtime and the SDK need to start, none of a teacher's tokens, paths or settings.
    /// </summary>
    static readonly string[] InheritedVariables = ["PATH", "LANG", "LC_ALL", "DOTNET_ROOT", "DOTNET_HOST_PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <param name="checks">What the checks do in the process (<see cref="CheckMode"/>).</param>
    ExecutionPolicy Policy(Scratch scratch, Sandbox? sandbox, string checks = CheckMode.Verdicts)
    {
        var environment = new Dictionary<string, string>
        {
            [CheckMode.Variable] = checks,
            // Its own temp folder: notebooks write files there, and parallel runs must not share them.
            ["TMPDIR"] = scratch.Temp,
            // A private home for the restore's project and NuGet's and the SDK's settings and first-use files.
            ["HOME"] = scratch.Home,
            ["DOTNET_CLI_HOME"] = scratch.Home,
            ["NUGET_PACKAGES"] = PackagesFolder(),
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        // Packages come read-only from the shared packages folder and the local feed only (no network inside).
        if (sandbox is not null)
        {
            environment["RestoreSources"] = string.Join(';', _options.PackageSources.Select(Path.GetFullPath));
            // The grader's PATH may name folders of its home; inside, only the system's and .NET's exist.
            environment["PATH"] = string.Join(':', [DotNetRoot(), "/usr/local/bin", "/usr/bin", "/bin"]);
        }
        return new ExecutionPolicy(_options.CellTimeout, _options.PackageSources)
        {
            NotebookTimeout = _options.NotebookTimeout,
            MemoryLimitMegabytes = _options.MemoryMegabytes,
            ThreadLimit = _options.Threads,
            DiskLimit = (scratch.Root, _options.DiskMegabytes * 1024L * 1024),
            OutputLimit = _options.OutputLimit,
            KeepGoing = true,
            UntrustedFolder = scratch.Root,
            InheritedVariables = InheritedVariables,
            Environment = environment,
            Launcher = sandbox is null ? null : info => sandbox.Wrap(info, scratch.Root,
                readable: ReadableFolders(), tmpBytes: _options.TmpMegabytes * 1024L * 1024),
        };
    }

    /// <summary>
    /// Notebooks with solutions or hidden tests inside the folders a sandboxed submission can read (a copy of
    /// the course left in the packages folder, say). Looks at a bounded number of files.
    /// </summary>
    IEnumerable<string> ExposedCourseCopies()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        int looked = 0;
        foreach (var folder in ReadableFolders().Where(Directory.Exists).Distinct())
            foreach (var file in Directory.EnumerateFiles(folder, "*.ipynb", options))
            {
                if (++looked > 10_000) yield break;
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                if (text.Contains("// BEGIN SOLUTION", StringComparison.Ordinal) || text.Contains("// BEGIN HIDDEN TESTS", StringComparison.Ordinal))
                    yield return file;
            }
    }

    /// <summary>Everything a submission may read besides the system: the .NET installation, the packages, the runner.</summary>
    IReadOnlyList<string> ReadableFolders() => [.. _options.PackageSources, PackagesFolder(), AppContext.BaseDirectory, DotNetRoot(), .. DatasetsFolder()];

    /// <summary>The clone's datasets/, which the library reads the data it may not carry in its package from (datasets/README.md).</summary>
    static string[] DatasetsFolder()
    {
        try { return [Path.Combine(Feed.RepositoryRoot.Find(), "datasets")]; }
        catch (InvalidOperationException) { return []; }
    }

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
