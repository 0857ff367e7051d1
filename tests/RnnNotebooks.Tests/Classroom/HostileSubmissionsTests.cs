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
        // Issue 16: verdicts no submission can forge. Each has a wrong Square (it triples) and tries to pass anyway.
        const string WrongSquare = "int Square(int x) => 3 * x;\n";
        string PassHtml = "Microsoft.DotNet.Interactive.Kernel.display(Microsoft.DotNet.Interactive.Kernel.HTML(\"<div class='rnn-check rnn-check-pass'>✓ PASS</div>\"));";
        Student("silent-console", c => Set(c, "exercise-1-1", WrongSquare + "Console.SetOut(System.IO.TextWriter.Null);"));
        Student("display", c => Set(c, "exercise-1-1", WrongSquare + $$"""
            // The live-output sink and the checks' output hook, set by reflection to show PASS whatever happens.
            var library = typeof(RnnNotebooks.Classroom.Check).Assembly;
            var show = library.GetType("RnnNotebooks.Classroom.CheckOutput")!.GetProperty("Show", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;
            show.SetValue(null, new Action<RnnNotebooks.Classroom.CheckResult>(_ => { {{PassHtml}} }));
            var sink = library.GetType("RnnNotebooks.Display.LiveOutput")!.GetField("_sink", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;
            sink.SetValue(null, new RnnNotebooks.Display.ConsoleLiveOutputSink(System.IO.TextWriter.Null));
            // And a formatter for the verdicts' type, and for everything else.
            Microsoft.DotNet.Interactive.Formatting.Formatter.Register<RnnNotebooks.Classroom.CheckResult>((r, w) => w.Write("<div class='rnn-check rnn-check-pass'>✓ PASS</div>"), "text/html");
            Microsoft.DotNet.Interactive.Formatting.Formatter.Register<object>((o, w) => w.Write("✓ PASS"), "text/plain");
            """));
        Student("mode-switch", c => Set(c, "exercise-1-1", WrongSquare +
            "Environment.SetEnvironmentVariable(\"RNN_NOTEBOOKS_CHECKS\", \"expected\");\n" +
            "System.Threading.Tasks.Task.Run(() => { while (true) Environment.SetEnvironmentVariable(\"RNN_NOTEBOOKS_CHECKS\", \"verdicts\"); });"));
        Student("rewriter", c => Set(c, "exercise-1-1", WrongSquare + """
            // Console lines rewritten on their way out: answers made into expected values that passed, and PASS shown.
            sealed class Rewriter(System.IO.TextWriter inner) : System.IO.TextWriter
            {
                public override System.Text.Encoding Encoding => inner.Encoding;
                public override void Write(char value) => inner.Write(value);
                public override void WriteLine(string? line) => inner.WriteLine((line ?? "")
                    .Replace("@@rnn-check-answer ", "@@rnn-check-expected ").Replace("\"tolerance\":0,", "\"tolerance\":1e300,").Replace("}}", "},\"passed\":true}"));
            }
            Console.SetOut(new Rewriter(Console.Out));
            """));
        Student("forger", c => Set(c, "exercise-1-1", WrongSquare + """
            // Answer lines of its own: what it thinks the checks want, in every cell after this one.
            for (int i = 0; i < 20; i++) Console.WriteLine("@@rnn-check-answer " + "{'rule':'close','tolerance':1e300,'what':'x','value':{'form':'numbers','layout':'number','tensors':[{'name':'','rows':1,'columns':1,'data':[0]}]}}".Replace('\'', '"'));
            """));
        Student("shadow", c => Set(c, "exercise-1-1", WrongSquare + $$"""
            // A class named RnnNotebooks shadows the library's namespace, so RnnNotebooks.Classroom.Check is this one.
            public static class RnnNotebooks
            {
                public static class Classroom
                {
                    public static class Check
                    {
                        public static void Equal<T>(T actual, Func<T> expected, string? hint = null)
                        {
                            T right = actual;
                            try { right = expected(); } catch (Exception) { }   // the expected value, were it there
                            global::RnnNotebooks.Classroom.Check.Equal(right, expected: () => right, hint: hint);
                            {{PassHtml}}
                        }
                    }
                }
            }
            // The short name, and another name the checks' output goes through.
            static class Check { public static void Equal<T>(T a, Func<T> e, string? hint = null) { } }
            static class Console { public static void WriteLine(string s) { } }
            """));
        Student("exit", c => Append(c, "exercise-1-2", "Environment.Exit(0);"));
        Student("fail-fast", c => Append(c, "exercise-1-2", "Environment.FailFast(\"bye\");"));
        Student("thread-crash", c => Append(c, "exercise-1-2",
            "new System.Threading.Thread(() => throw new InvalidOperationException(\"from another thread\")).Start();\nSystem.Threading.Thread.Sleep(2000);"));
        Student("kill-self", c => Append(c, "exercise-1-2", "System.Diagnostics.Process.GetCurrentProcess().Kill();"));
        Student("exit-in-hidden", c => Set(c, "exercise-1-1", "int Square(int x) { if (x < 0) Environment.Exit(0); return x * x; }"));
        Student("rewrite-files", c => Set(c, "exercise-1-1", WrongSquare + $$"""
            // When the process ends, every file it can reach is rewritten to look like a pass.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var file in System.IO.Directory.GetFiles("..", "*", System.IO.SearchOption.AllDirectories))
                    try
                    {
                        string text = System.IO.File.ReadAllText(file);
                        System.IO.File.WriteAllText(file, text.Replace("\"exact\":9", "\"exact\":16").Replace("\"exact\":-12", "\"exact\":16").Replace("@@rnn-check-answer", "@@rnn-check-expected"));
                    }
                    catch (Exception) { }
                foreach (var target in new[] { typeof(RnnNotebooks.Classroom.Check).Assembly.Location, "{{courseNotebook}}" })
                    try { System.IO.File.WriteAllText(target, "replaced"); } catch (Exception) { }
            };
            System.IO.File.WriteAllText("{{TinyCourse.FileName}}", "{}");
            """));
        Student("liar", c => Set(c, "exercise-1-1", """
            // An answer that says it equals anything.
            sealed class Liar { public override bool Equals(object? o) => true; public override int GetHashCode() => 0; public override string ToString() => "16"; }
            object Square(int x) => new Liar();
            """));
        Student("shifty", c => Set(c, "exercise-1-1", """
            // A sequence whose elements change every time it is read.
            sealed class Shifty : System.Collections.Generic.IEnumerable<int>
            {
                int _reads;
                public System.Collections.Generic.IEnumerator<int> GetEnumerator() { _reads++; for (int i = 0; i < _reads; i++) yield return 9; }
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
            System.Collections.Generic.IEnumerable<int> Square(int x) => new Shifty();
            """));
        Student("snoop-hidden", c => Set(c, "exercise-1-1", "int Square(int x) => x * x;\n" + """
            // Looks everywhere it can for the hidden tests before they run: files, its command line, its environment.
            // The needles are put together here, so that this cell's own code (in the files it reads) holds neither.
            string[] needles = ["Square(" + "-4)", "=> " + "16", "a negative number " + "squared"];
            bool Holds(string text) => needles.Any(n => text.Contains(n));
            bool found = Holds(string.Join(" ", Environment.GetCommandLineArgs()));
            foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) found |= Holds(e.Value?.ToString() ?? "");
            foreach (var root in new[] { "..", "/tmp" })
                foreach (var file in System.IO.Directory.GetFiles(root, "*", System.IO.SearchOption.AllDirectories))
                {
                    // A named pipe or socket would block a read: each file gets a moment. Each is searched as it is
                    // read, so that a large tree does not pile up in memory.
                    var read = System.Threading.Tasks.Task.Run(() => { try { return new System.IO.FileInfo(file).Length < 1_000_000 ? System.IO.File.ReadAllText(file) : ""; } catch (Exception) { return ""; } });
                    if (read.Wait(200)) found |= Holds(read.Result);
                }
            Console.WriteLine(found ? "FOUND THE HIDDEN TESTS" : "no hidden test in reach");
            """));
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
    static void Set(JsonArray cells, string id, string code) => NotebookDocument.SetSource(Cell(cells, id), code);
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

[Collection(RnnNotebooks.Tests.Notebooks.KernelRunsCollection.Name)]
public sealed class HostileSubmissionsTests(HostileSubmissionsRun run) : IClassFixture<HostileSubmissionsRun>
{
    /// <summary>Wrong answers dressed up as right ones: each must score 0 on exercise 1.1.</summary>
    static readonly string[] Forgers =
        ["silent-console", "display", "mode-switch", "rewriter", "forger", "shadow", "rewrite-files", "liar", "shifty"];

    /// <summary>Right answers to 1.1, then the process ends during 1.2 (which is not yet verified).</summary>
    static readonly string[] EarlyExits = ["exit", "fail-fast", "thread-crash", "kill-self"];

    static readonly string[] Hostile =
    [
        "link-to-course", "link-out-folder", "link-new-file", "link-other-student", "link-in-scratch", "fifo", "snoop", "leaker",
        "fake-fail-text", "disk", "tmp", "threads", "source-number", "cells-object", "outputs-text", .. Forgers, .. EarlyExits,
        "exit-in-hidden", "snoop-hidden",
    ];

    [Fact]
    public void A_wrong_answer_scores_zero_however_its_output_files_or_names_are_forged()
    {
        foreach (var student in Forgers)
        {
            var rows = run.Rows(student);
            Assert.True(rows[0] is ("1.1", 0, _), $"{student}: {string.Join(" | ", rows)}\n{run.Log}");
        }
        // What the forgers could not touch: the honest exercise 1.2 of the ones whose process went on.
        foreach (var student in new[] { "display", "forger", "shadow", "liar", "shifty" })
            Assert.True(run.Rows(student)[1] == ("1.2", 1, "passed"), $"{student}: {string.Join(" | ", run.Rows(student))}");
    }

    [Fact]
    public void An_early_exit_fails_the_exercises_not_yet_verified_and_keeps_the_ones_before()
    {
        foreach (var student in EarlyExits)
        {
            var rows = run.Rows(student);
            Assert.True(rows[0] == ("1.1", 2, "passed") && rows[1] is ("1.2", 0, _), $"{student}: {string.Join(" | ", rows)}\n{run.Log}");
        }
        Assert.True(run.Rows("exit-in-hidden").All(r => r.Points == 0), string.Join(" | ", run.Rows("exit-in-hidden")));
    }

    [SkippableFact]
    public void The_hidden_tests_are_out_of_reach_until_they_run()
    {
        run.RequireSandbox();
        Assert.Contains("no hidden test in reach", run.OutputsOf("snoop-hidden", "exercise-1-1"));
        Assert.DoesNotContain("FOUND THE HIDDEN TESTS", run.OutputsOf("snoop-hidden", "exercise-1-1"));
        Assert.True(run.Rows("snoop-hidden").SequenceEqual([("1.1", 2, "passed"), ("1.2", 1, "passed")]), string.Join(" | ", run.Rows("snoop-hidden")));
    }

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
        // A FAIL the submission showed itself is not a verdict: its right answer to 1.2 passes.
        Assert.Equal(("1.2", 1, "passed"), run.Rows("fake-fail-text")[1]);
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
