using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// Issue 15's acceptance: one grading run, under small limits, of an honest submission beside hostile ones
/// that plant links at every path the grader touches, snoop the environment and the mounts, read the course
/// and the graded copy and throw what they find, are malformed notebooks, and flood the disk, /tmp and
/// threads. Every file outside the scratch folders must be unchanged, the gradebook written, no feedback
/// page may show a hidden test or an environment value, and the honest submission gets full marks.
/// </summary>
public sealed class HostileSubmissionsRun : IAsyncLifetime
{
    public const int DiskMegabytes = 32, TmpMegabytes = 16, Threads = 256;
    /// <summary>A teacher's secret in the grader's environment; no submission may see it.</summary>
    public const string SecretVariable = "RNN_NOTEBOOKS_TEST_TEACHER_TOKEN";
    public string Secret { get; } = "teacher-secret-" + Guid.NewGuid().ToString("N");
    /// <summary>A string only the hidden tests hold.</summary>
    public const string HiddenTestText = "a negative number squared is positive";

    public string Folder { get; } = FixtureNotebook.TemporaryFolder("hostile");
    public string Submissions => Path.Combine(Folder, "submissions");
    public string Course => Path.Combine(Folder, "course");
    public string GradebookFolder => Path.Combine(Folder, "gradebook");
    public string Victims => Path.Combine(Folder, "victims");
    /// <summary>Paths a submission would create if the grader followed its links.</summary>
    public string NewFile => Path.Combine(Victims, "created-by-a-submission.txt");
    public Gradebook Book { get; private set; } = null!;
    public string Log { get; private set; } = "";
    public Dictionary<string, string> HashesBefore { get; private set; } = [];
    public bool SandboxAvailable { get; private set; }

    public async Task InitializeAsync()
    {
        var (package, feed) = TinyCourse.Library();
        Directory.CreateDirectory(Course);
        var sheet = ExerciseSheet.Load(TinyCourse.Write(Course, package));
        string courseNotebook = Path.Combine(Course, TinyCourse.FileName);
        Directory.CreateDirectory(Path.Combine(Victims, "folder"));
        File.WriteAllText(Path.Combine(Victims, "folder", "canary.txt"), "must survive");
        string goodFile = Path.Combine(Submissions, "good", TinyCourse.FileName);
        // Where the child writes the executed copy and where the graded copy lies, seen from a cell (cwd = work/).
        const string executed = "\"../out/" + TinyCourse.FileName + "\"";

        Student("good", _ => { });
        Student("link-to-course", c => Append(c, "exercise-1-1", Plant(executed, courseNotebook) + "Environment.Exit(0);"));
        Student("link-out-folder", c => Append(c, "exercise-1-1",
            "System.IO.Directory.Delete(\"../out\", true);\n" +
            $"System.IO.Directory.CreateSymbolicLink(\"../out\", @\"{Course}\");\nEnvironment.Exit(0);"));
        Student("link-new-file", c => Append(c, "exercise-1-1", Plant(executed, NewFile) + "while (true) { }"));
        Student("link-other-student", c => Append(c, "exercise-1-1", Plant(executed, goodFile) + "while (true) { }"));
        Student("link-in-scratch", c => Append(c, "exercise-1-1",
            $"System.IO.Directory.CreateSymbolicLink(\"../victim\", @\"{Path.Combine(Victims, "folder")}\");\n" +
            $"System.IO.File.CreateSymbolicLink(\"../home/victim.txt\", @\"{Path.Combine(Victims, "folder", "canary.txt")}\");"));
        Student("fifo", c => Append(c, "exercise-1-1",
            $"System.IO.File.Delete({executed});\nSystem.Diagnostics.Process.Start(\"mkfifo\", {executed})!.WaitForExit();\nEnvironment.Exit(0);"));
        Student("snoop", c => Append(c, "exercise-1-1", $$"""
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) Console.WriteLine($"{e.Key}={e.Value}");
            Console.WriteLine(System.IO.File.ReadAllText("/proc/self/mountinfo"));
            foreach (var p in new[] { @"{{courseNotebook}}", @"{{goodFile}}", "/etc/shadow" })
                try { Console.WriteLine(System.IO.File.ReadAllText(p)); } catch (Exception e) { Console.WriteLine($"cannot read {p}: {e.GetType().Name}"); }
            throw new InvalidOperationException(string.Join(";", Environment.GetEnvironmentVariables().Values.Cast<object>()));
            """));
        Student("leaker", c => Append(c, "exercise-1-1",
            $"throw new InvalidOperationException(System.IO.File.ReadAllText(\"{TinyCourse.FileName}\").Replace('\\n', ' '));"));
        // Sum shows a fake failed check holding the graded copy (hidden tests included) when the checks cell calls it.
        Student("fake-fail-text", c => NotebookDocument.SetSource(Cell(c, "exercise-1-2"),
            "int Sum(int[] numbers)\n{\n    Microsoft.DotNet.Interactive.Kernel.display(Microsoft.DotNet.Interactive.Kernel.HTML(\"<div class='rnn-check-fail'>\" + " +
            $"System.Net.WebUtility.HtmlEncode(System.IO.File.ReadAllText(\"{TinyCourse.FileName}\")) + \"</div>\"));\n    return numbers.Sum();\n}}"));
        Student("disk", c => Append(c, "exercise-1-1",
            "var chunk = new byte[1 << 20];\nfor (int i = 0; ; i++) System.IO.File.WriteAllBytes($\"flood-{i}.bin\", chunk);"));
        Student("tmp", c => Append(c, "exercise-1-1",
            "try { System.IO.File.WriteAllBytes(\"/tmp/flood.bin\", new byte[64 << 20]); } catch (System.IO.IOException e) { Console.WriteLine(\"tmp: \" + e.Message); }"));
        Student("threads", c => Append(c, "exercise-1-1",
            "for (int i = 0; i < 5000; i++) new System.Threading.Thread(() => System.Threading.Thread.Sleep(60_000)) { IsBackground = true }.Start();\nSystem.Threading.Thread.Sleep(5_000);"));
        Malformed("source-number", nb => Cell(Cells(nb), "exercise-1-1")["source"] = 7);
        Malformed("cells-object", nb => nb["cells"] = new JsonObject());
        Malformed("outputs-text", nb => Cell(Cells(nb), "exercise-1-1")["outputs"] = "oops");
        Directory.CreateDirectory(Path.Combine(Submissions, "linked-file"));
        File.CreateSymbolicLink(Path.Combine(Submissions, "linked-file", TinyCourse.FileName), courseNotebook);
        Directory.CreateSymbolicLink(Path.Combine(Submissions, "linked-folder"), Course);

        HashesBefore = HashesOutsideScratch();
        SandboxAvailable = Sandbox.Find(out _) is not null;
        Environment.SetEnvironmentVariable(SecretVariable, Secret);
        try
        {
            var log = new StringWriter();
            Book = await GradingRun.RunAsync(new GradeOptions(Submissions, GradebookFolder, Course, [feed])
            {
                Jobs = 2,
                CellTimeout = TimeSpan.FromSeconds(15),
                NotebookTimeout = TimeSpan.FromSeconds(120),
                MemoryMegabytes = 1024,
                DiskMegabytes = DiskMegabytes,
                TmpMegabytes = TmpMegabytes,
                Threads = Threads,
            }, log);
            Log = log.ToString();
        }
        finally { Environment.SetEnvironmentVariable(SecretVariable, null); }

        void Student(string name, Action<JsonArray> edit)
        {
            var root = sheet.Notebook.CopyJson();
            edit((JsonArray)root["cells"]!);
            string path = Path.Combine(Submissions, name, TinyCourse.FileName);
            NotebookDocument.FromJson(path, root).Save(path);
        }

        void Malformed(string name, Action<JsonObject> damage)
        {
            var root = sheet.Notebook.CopyJson();
            damage(root);
            string path = Path.Combine(Submissions, name, TinyCourse.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, root.ToJsonString());
        }
    }

    static string Plant(string at, string target) =>
        $"System.IO.File.Delete({at});\nSystem.IO.File.CreateSymbolicLink({at}, @\"{target}\");\n";

    static JsonArray Cells(JsonObject notebook) => (JsonArray)notebook["cells"]!;
    static JsonObject Cell(JsonArray cells, string id) => (JsonObject)cells.Single(c => (string?)c!["id"] == id)!;
    static void Append(JsonArray cells, string id, string code) =>
        NotebookDocument.SetSource(Cell(cells, id), NotebookDocument.SourceOf(Cell(cells, id)) + "\n" + code);

    /// <summary>Every file of the test's folder but the gradebook (the grader's own output), links not followed.</summary>
    public Dictionary<string, string> HashesOutsideScratch() =>
        new DirectoryInfo(Folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => !f.FullName.StartsWith(GradebookFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => f.FullName, f => BadSubmissionsRun.Hash(f.FullName));

    public Task DisposeAsync()
    {
        FixtureNotebook.Delete(Folder);
        return Task.CompletedTask;
    }

    public (string Exercise, int Points, string Message)[] Rows(string student) =>
        Book.Rows.Where(r => r.Student == student).Select(r => (r.Exercise, r.Points, r.Message)).ToArray();

    public string Feedback(string student) => File.ReadAllText(Path.Combine(GradebookFolder, Gradebook.FeedbackFolder, student + ".html"));

    public string Executed(string student) =>
        Book.Grades.Single(g => g.Submission.Student == student).ExecutedCopy is { } path ? File.ReadAllText(path) : "";

    /// <summary>The text of every output of one cell of the student's executed copy.</summary>
    public string OutputsOf(string student, string cellId)
    {
        string text = Executed(student);
        if (text.Length == 0) return "";
        var cell = JsonNode.Parse(text)!["cells"]!.AsArray().Single(c => (string?)c!["id"] == cellId)!;
        return string.Concat(cell["outputs"]!.AsArray().Select(o => FixtureNotebook.Lines(o!["text"]) + FixtureNotebook.Lines(o["evalue"])));
    }

    public void RequireSandbox() => Skip.If(!SandboxAvailable && Environment.GetEnvironmentVariable("CI") != "true",
        "bubblewrap (bwrap) is not installed or cannot create namespaces here: apt-get install bubblewrap");
}

public sealed class HostileSubmissionsTests(HostileSubmissionsRun run) : IClassFixture<HostileSubmissionsRun>
{
    static readonly string[] Hostile =
    [
        "link-to-course", "link-out-folder", "link-new-file", "link-other-student", "link-in-scratch", "fifo", "snoop", "leaker",
        "fake-fail-text", "disk", "tmp", "threads", "source-number", "cells-object", "outputs-text",
    ];

    [Fact]
    public void The_honest_submission_gets_full_marks_beside_the_hostile_ones()
    {
        Assert.True(run.Rows("good").SequenceEqual([("1.1", 2, "passed"), ("1.2", 1, "passed")]), run.Log);
    }

    [SkippableFact]
    public void No_file_outside_the_scratch_folders_changed_and_no_link_target_was_created()
    {
        run.RequireSandbox();
        Assert.Equal(run.HashesBefore, run.HashesOutsideScratch());
        Assert.False(File.Exists(run.NewFile), "the grader followed a link a submission planted");
        Assert.Equal("must survive", File.ReadAllText(Path.Combine(run.Victims, "folder", "canary.txt")));
    }

    [SkippableFact]
    public void A_link_in_place_of_the_executed_copy_scores_zero_and_is_never_followed()
    {
        run.RequireSandbox();
        foreach (var student in new[] { "link-to-course", "link-out-folder", "link-new-file", "link-other-student", "fifo" })
            Assert.True(run.Rows(student).All(r => r.Points == 0), $"{student}: {string.Join(" | ", run.Rows(student))}");
        // The course's solutions must not have been read back as this student's executed copy.
        Assert.DoesNotContain("int squared = x * x;", run.Executed("link-out-folder"));
    }

    [Fact]
    public void The_gradebook_is_written_with_every_student_and_malformed_notebooks_score_zero_with_a_reason()
    {
        Assert.True(File.Exists(Path.Combine(run.GradebookFolder, Gradebook.CsvFile)));
        foreach (var student in Hostile.Append("good"))
            Assert.Contains(run.Book.Totals, t => t.Student == student);
        Assert.Contains("its \"source\" is the number 7", run.Rows("source-number")[0].Message);
        Assert.Contains("no \"cells\" list", run.Rows("cells-object")[0].Message);
        Assert.Contains("its \"outputs\" is", run.Rows("outputs-text")[0].Message);
        Assert.All(new[] { "source-number", "cells-object", "outputs-text" }, s => Assert.All(run.Rows(s), r => Assert.Equal(0, r.Points)));
    }

    [Fact]
    public void Linked_submissions_are_not_graded_and_say_why()
    {
        Assert.DoesNotContain(run.Book.Totals, t => t.Student is "linked-file" or "linked-folder");
        Assert.Contains(run.Book.Notes, n => n.Contains("linked-file") && n.Contains("a link, not a notebook"));
        Assert.Contains(run.Book.Notes, n => n.Contains("linked-folder") && n.Contains("a link to a folder"));
    }

    [SkippableFact]
    public void A_submission_sees_no_teacher_variable_no_hidden_folder_and_no_course()
    {
        run.RequireSandbox();
        // What the cell printed (its own source names the paths it tries, so only its outputs count).
        string seen = string.Join("\n", run.OutputsOf("snoop", "exercise-1-1").Split('\n').Where(l => !l.StartsWith("cannot read ", StringComparison.Ordinal)));
        Assert.Contains(" /proc ", seen);   // the mount table was printed
        Assert.Contains("cannot read", run.OutputsOf("snoop", "exercise-1-1"));
        Assert.DoesNotContain(run.Secret, seen);
        Assert.DoesNotContain(HostileSubmissionsRun.SecretVariable, seen);
        // NuGet's packages folder is mounted on purpose (it may live in the home folder); nothing else of home is.
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(home, ".nuget", "packages");
        foreach (var hidden in new[] { run.Submissions, run.Course, run.GradebookFolder, home + "/" })
            Assert.DoesNotContain(hidden, seen.Replace(packages, "<packages>"));
        Assert.DoesNotContain("int squared = x * x;", seen);
    }

    [Fact]
    public void No_feedback_page_shows_a_hidden_test_an_environment_value_or_the_submissions_own_text()
    {
        foreach (var student in Hostile.Append("good").Where(s => File.Exists(Path.Combine(run.GradebookFolder, Gradebook.FeedbackFolder, s + ".html"))))
        {
            string page = run.Feedback(student);
            Assert.DoesNotContain(HostileSubmissionsRun.HiddenTestText, page);
            Assert.DoesNotContain("Square(-4)", page);
            Assert.DoesNotContain(run.Secret, page);
            Assert.DoesNotContain("PATH=", page);
        }
        Assert.Contains($"cell {BadSubmissionsRun.CellNumber("exercise-1-1")} ended with InvalidOperationException", run.Feedback("leaker"));
        Assert.Contains("Failed checks of exercise 1.2: 1.", run.Feedback("fake-fail-text"));
    }

    [SkippableFact]
    public void Disk_tmp_and_thread_floods_are_stopped_or_refused_with_the_limit_named()
    {
        run.RequireSandbox();
        Assert.Contains($"wrote more than {HostileSubmissionsRun.DiskMegabytes} MB of files", run.Rows("disk")[0].Message);
        Assert.Contains("--disk", run.Rows("disk")[0].Message);
        Assert.Contains($"more than {HostileSubmissionsRun.Threads} threads", run.Rows("threads")[0].Message);
        Assert.Contains("No space left on device", run.Executed("tmp"));
        Assert.Equal(("1.2", 1, "passed"), run.Rows("tmp")[1]);
        Assert.Contains($"limits: 15 s a cell, 120 s a notebook, 1024 MB, {HostileSubmissionsRun.DiskMegabytes} MB of files, {HostileSubmissionsRun.TmpMegabytes} MB of /tmp, {HostileSubmissionsRun.Threads} threads", run.Log);
    }
}
