using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// The issue's acceptance: one grading run over a good submission and a crafted set of bad ones (an
/// infinite loop, an exception, malformed JSON, a cell deleting files in its folder, a flood of output,
/// output without end, huge managed and native allocations, a write outside its folder, tampered checks),
/// with short limits. The run happens once for the class; each test checks one student's rows.
/// </summary>
public sealed class BadSubmissionsRun : IAsyncLifetime
{
    public const int MemoryMegabytes = 1024;
    public static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan NotebookTimeout = TimeSpan.FromSeconds(150);

    public string Folder { get; } = FixtureNotebook.TemporaryFolder("grading");
    public string Submissions => Path.Combine(Folder, "submissions");
    public string GradebookFolder => Path.Combine(Folder, "gradebook");
    /// <summary>A file outside every folder a submission may write to (the test's own output folder, not under /tmp).</summary>
    public string Outside { get; } = Path.Combine(AppContext.BaseDirectory, $"written-by-a-submission-{Guid.NewGuid():N}.txt");
    public Gradebook Book { get; private set; } = null!;
    public string Log { get; private set; } = "";
    public Dictionary<string, string> HashesBefore { get; } = [];
    public bool SandboxAvailable { get; private set; }

    public async Task InitializeAsync()
    {
        var (package, feed) = TinyCourse.Library();
        string course = Path.Combine(Folder, "course");
        Directory.CreateDirectory(course);
        var sheet = ExerciseSheet.Load(TinyCourse.Write(course, package));

        Student("good", _ => { });
        StudentVersion.Create(sheet, "").Save(Path.Combine(Submissions, "stub", TinyCourse.FileName));
        Student("throws", c => Set(c, "exercise-1-1", "int Square(int x)\n{\n    throw new InvalidOperationException(\"my bug in Square\");\n}"));
        Student("loops", c => Set(c, "exercise-1-1", "int Square(int x)\n{\n    while (true) { }\n}"));
        Directory.CreateDirectory(Path.Combine(Submissions, "notjson"));
        File.WriteAllText(Path.Combine(Submissions, "notjson", TinyCourse.FileName), "{ \"cells\": [ oops");
        Student("deleter", c => Append(c, "exercise-1-1",
            "foreach (var file in System.IO.Directory.GetFiles(\".\", \"*\", System.IO.SearchOption.AllDirectories)) System.IO.File.Delete(file);"));
        Student("flood", c => Append(c, "exercise-1-1", "for (int i = 0; i < 200; i++) Console.Write(new string('x', 10_000));"));
        Student("spam", c => Append(c, "exercise-1-1", "while (true) Console.WriteLine(\"spam spam spam spam\");"));
        Student("hog", c => Append(c, "exercise-1-1",
            "void Hoard() { var hoard = new List<double[]>(); while (true) hoard.Add(new double[10_000_000]); }\nHoard();"));
        Student("native", c => Append(c, "exercise-1-1", """
            while (true)
            {
                var block = System.Runtime.InteropServices.Marshal.AllocHGlobal(100_000_000);
                for (long i = 0; i < 100_000_000; i += 4096) System.Runtime.InteropServices.Marshal.WriteByte(block + (nint)i, 1);
            }
            """));
        Student("escaper", c => Append(c, "exercise-1-1", $"System.IO.File.WriteAllText(@\"{Outside}\", \"escaped\");"));
        Student("tamperer", c =>
        {
            Set(c, "exercise-1-1", "int Square(int x) => x + x;");
            Remove(c, "exercise-1-1-checks");
            Remove(c, "exercise-1-2");
        });
        File.WriteAllText(Path.Combine(Submissions, "good", "99-unknown.ipynb"), "{}");
        foreach (var file in Directory.GetFiles(Submissions, "*", SearchOption.AllDirectories))
            HashesBefore[file] = Hash(file);

        SandboxAvailable = Sandbox.Find(out _) is not null;
        var log = new StringWriter();
        Book = await GradingRun.RunAsync(new GradeOptions(Submissions, GradebookFolder, course, [feed])
        {
            Jobs = 2,
            CellTimeout = CellTimeout,
            NotebookTimeout = NotebookTimeout,
            MemoryMegabytes = MemoryMegabytes,
        }, log);
        Log = log.ToString();

        void Student(string name, Action<JsonArray> edit)
        {
            var root = sheet.Notebook.CopyJson();
            edit((JsonArray)root["cells"]!);
            string path = Path.Combine(Submissions, name, TinyCourse.FileName);
            NotebookDocument.FromJson(path, root).Save(path);
        }
    }

    static JsonObject Cell(JsonArray cells, string id) => (JsonObject)cells.Single(c => (string?)c!["id"] == id)!;
    static void Set(JsonArray cells, string id, string source) => NotebookDocument.SetSource(Cell(cells, id), source);
    static void Append(JsonArray cells, string id, string code) => Set(cells, id, NotebookDocument.SourceOf(Cell(cells, id)) + "\n" + code);
    static void Remove(JsonArray cells, string id) => cells.Remove(Cell(cells, id));

    public static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    public Task DisposeAsync()
    {
        FixtureNotebook.Delete(Folder);
        if (File.Exists(Outside)) File.Delete(Outside);
        return Task.CompletedTask;
    }

    /// <summary>The student's rows as (exercise, points, message).</summary>
    public (string Exercise, int Points, string Message)[] Rows(string student) =>
        Book.Rows.Where(r => r.Student == student).Select(r => (r.Exercise, r.Points, r.Message)).ToArray();

    public NotebookGrade Grade(string student) => Book.Grades.Single(g => g.Submission.Student == student);

    /// <summary>Asserts the student earned every point, showing the errors of the executed copy when not.</summary>
    public void AssertFullMarks(string student) =>
        Assert.True(Rows(student).SequenceEqual([("1.1", 2, "passed"), ("1.2", 1, "passed")]), Explain(student));

    /// <summary>The student's rows and every error of the executed copy in full, and the run's log: for failure messages.</summary>
    public string Explain(string student)
    {
        string? executed = Grade(student).ExecutedCopy;
        IEnumerable<string> errors = executed is null ? [] : NotebookDocument.Load(executed).CodeCells
            .SelectMany(c => ((JsonArray)c["outputs"]!).Where(o => (string?)o!["output_type"] == "error").Select(o => $"{c["id"]}: {o!["evalue"]}"));
        return $"{student}: {string.Join(" | ", Rows(student))}\n{string.Join("\n", errors)}\n{Log}";
    }

    /// <summary>The code-cell number of a cell of the course notebook (the graded copies keep the course's cells).</summary>
    public static int CellNumber(string id) => Array.IndexOf(TinyCourse.Cells("x").Where(NotebookDocument.IsCode).Select(c => (string?)c["id"]).ToArray(), id) + 1;
}

[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class BadSubmissionsTests(BadSubmissionsRun run) : IClassFixture<BadSubmissionsRun>
{
    static readonly string Stopped1 = $"the notebook was stopped at cell {BadSubmissionsRun.CellNumber("exercise-1-1-checks")}: ";

    [Fact]
    public void The_good_submission_gets_full_marks()
    {
        run.AssertFullMarks("good");
        Assert.Contains("graded good/01-tiny.ipynb: 3/3 points", run.Log);
    }

    [Fact]
    public void The_student_version_scores_zero_with_the_stub_messages_not_a_compile_error()
    {
        var rows = run.Rows("stub");
        Assert.True(rows.All(r => r.Points == 0 && r.Message.Contains("Replace this line with your code.")), run.Explain("stub"));
        Assert.Contains("Exercise 1.1: Return the square of x. Replace this line with your code.", rows[0].Message);
        Assert.Contains("Exercise 1.2: Return the sum of the numbers. Replace this line with your code.", rows[1].Message);
    }

    [Fact]
    public void An_exception_scores_zero_on_its_exercise_and_the_next_exercise_is_still_graded()
    {
        var rows = run.Rows("throws");
        Assert.True(rows[0].Points == 0 && rows[0].Message.Contains("InvalidOperationException: my bug in Square"), run.Explain("throws"));
        Assert.Equal(("1.2", 1, "passed"), rows[1]);
    }

    [Fact]
    public void An_infinite_loop_is_stopped_at_the_cell_limit_and_what_comes_after_scores_zero()
    {
        var rows = run.Rows("loops");
        Assert.All(rows, r => Assert.Equal(0, r.Points));
        Assert.StartsWith(Stopped1, rows[0].Message);
        Assert.Contains($"did not finish within {BadSubmissionsRun.CellTimeout.TotalSeconds:0} s", rows[0].Message);
        Assert.StartsWith(Stopped1, rows[1].Message);
        Assert.InRange(run.Grade("loops").Seconds, BadSubmissionsRun.CellTimeout.TotalSeconds, BadSubmissionsRun.NotebookTimeout.TotalSeconds);
    }

    [Fact]
    public void Malformed_json_scores_zero_on_every_exercise_with_the_parse_message()
    {
        Assert.All(run.Rows("notjson"), r =>
        {
            Assert.Equal(0, r.Points);
            Assert.Contains("01-tiny.ipynb is not valid JSON (line 1", r.Message);
        });
    }

    [Fact]
    public void Deleting_the_files_of_its_working_folder_harms_only_its_scratch_copy()
    {
        run.AssertFullMarks("deleter");
    }

    [Fact]
    public void A_flood_of_output_is_cut_at_the_limit_with_a_note_and_grading_goes_on()
    {
        run.AssertFullMarks("flood");
        string executed = run.Grade("flood").ExecutedCopy!;
        Assert.Contains("[output truncated: this cell produced more than 1,000,000 characters", File.ReadAllText(executed));
        Assert.InRange(new FileInfo(executed).Length, 1_000_000, 1_200_000);
    }

    [Fact]
    public void Output_without_end_scores_zero_and_stops_no_one_else()
    {
        var rows = run.Rows("spam");
        Assert.All(rows, r => Assert.Equal(0, r.Points));
        // Stopped by the cell limit or the memory bound, or failing with OutOfMemoryException: whichever comes first.
        Assert.True(rows[0].Message.StartsWith("the notebook was stopped at cell") || rows[0].Message.Contains("OutOfMemoryException"), rows[0].Message);
        Assert.True(new FileInfo(run.Grade("spam").ExecutedCopy!).Length < 1_200_000);
    }

    [Fact]
    public void A_huge_managed_allocation_scores_zero_with_a_message_about_memory()
    {
        var rows = run.Rows("hog");
        Assert.Equal(0, rows[0].Points);
        // Usually an OutOfMemoryException in the cell (the GC heap limit), and the process goes on; the
        // runtime may also die of it on another thread, or the watchdog may kill it first.
        Assert.Matches("OutOfMemoryException|ran out of memory|more than [0-9]+ MB of memory", rows[0].Message);
        if (!rows[0].Message.StartsWith("the notebook was stopped", StringComparison.Ordinal))
            Assert.True(rows[1] == ("1.2", 1, "passed"), run.Explain("hog"));
    }

    [SkippableFact]
    public void Native_memory_past_the_bound_is_killed_by_the_watchdog()
    {
        Skip.IfNot(ProcessTree.IsSupported, "the memory watchdog reads /proc, which only Linux has");
        var rows = run.Rows("native");
        Assert.All(rows, r => Assert.Equal(0, r.Points));
        // The allocation runs in the exercise cell itself.
        Assert.StartsWith($"the notebook was stopped at cell {BadSubmissionsRun.CellNumber("exercise-1-1")}: ", rows[0].Message);
        Assert.Contains($"use more than {BadSubmissionsRun.MemoryMegabytes} MB of memory", rows[0].Message);
    }

    [SkippableFact]
    public void Writing_outside_its_folder_fails_inside_the_sandbox()
    {
        Skip.If(!run.SandboxAvailable && Environment.GetEnvironmentVariable("CI") != "true",
            "bubblewrap (bwrap) is not installed or cannot create namespaces here: apt-get install bubblewrap");
        Assert.StartsWith("bubblewrap", run.Book.Sandbox);
        Assert.Contains("Sandbox: bubblewrap", run.Log);
        Assert.False(File.Exists(run.Outside), "a submission wrote outside its scratch folder");
        var rows = run.Rows("escaper");
        Assert.Equal(0, rows[0].Points);
        Assert.Contains("Read-only file system", rows[0].Message);
        Assert.Equal(("1.2", 1, "passed"), rows[1]);
    }

    [Fact]
    public void Tampered_checks_are_restored_and_a_deleted_exercise_scores_zero()
    {
        var rows = run.Rows("tamperer");
        Assert.Equal(("1.1", 0, "✗ FAIL  Square(3): is 6, which is not the expected value. Hint: Square(3) should be 9"), rows[0]);
        Assert.Equal(0, rows[1].Points);
        Assert.StartsWith("cell exercise-1-2 was deleted", rows[1].Message);
        Assert.Equal(2, run.Grade("tamperer").Results[0].FailedChecks.Count); // the hidden test ran too
    }

    [Fact]
    public void No_submission_file_is_changed()
    {
        var after = Directory.GetFiles(run.Submissions, "*", SearchOption.AllDirectories).ToDictionary(f => f, BadSubmissionsRun.Hash);
        Assert.Equal(run.HashesBefore, after);
    }

    [Fact]
    public void Every_student_gets_a_row_per_exercise_a_feedback_page_and_a_summary_line()
    {
        string[] students = ["deleter", "escaper", "flood", "good", "hog", "loops", "native", "notjson", "spam", "stub", "tamperer", "throws"];
        Assert.Equal(students, run.Book.Totals.Select(t => t.Student));
        Assert.Equal(students.Length * 2, run.Book.Rows.Count);
        foreach (var student in students)
        {
            Assert.True(File.Exists(Path.Combine(run.GradebookFolder, Gradebook.FeedbackFolder, student + ".html")), student);
            Assert.Matches($"(?m)^{student} +[0-9]+/3  01-tiny", run.Log);
        }
        Assert.Single(run.Book.Notes, n => n.StartsWith("good/99-unknown.ipynb: no course notebook"));
        Assert.Equal(students.Length * 2 + students.Length + 1, File.ReadAllLines(Path.Combine(run.GradebookFolder, Gradebook.CsvFile)).Length);
        Assert.All(run.Book.Grades, g => Assert.InRange(g.Seconds, 0, BadSubmissionsRun.NotebookTimeout.TotalSeconds + 30));
    }
}
