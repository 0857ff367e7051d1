using System.Text.RegularExpressions;
using RnnNotebooks.Display;
using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Apps;

/// <summary>Runs alone (after the parallel tests): each test builds and runs an app, two cores' worth of work.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StudentAppCollection
{
    public const string Name = "Student apps";
}

/// <summary>
/// A student version's app, run as a learner runs it (<c>dotnet run notebooks/apps/exercises/03-…cs</c>): it stops at
/// the first exercise still to do, with its message, exit code and page; with the course's solutions pasted in
/// place of the stubs it runs to the end.
/// </summary>
[Collection(StudentAppCollection.Name)]
public sealed partial class StudentAppRunTests
{
    const string Name = "03-recurrent-neurons";
    static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void A_student_app_stops_at_the_first_unsolved_exercise_and_runs_through_once_the_solutions_are_pasted_in()
    {
        string studentApp = Path.Combine(Root, "notebooks", NotebookApp.FolderName, NotebookApp.ExercisesFolderName, Name + ".cs");
        var stopped = AppRunTests.Run(Root, Path.GetRelativePath(Root, studentApp));
        Assert.True(stopped.ExitCode == OutputPage.ExerciseToDoExitCode, $"exit code {stopped.ExitCode}:\n{stopped.Output}");
        int stubLine = File.ReadAllLines(studentApp).ToList().FindIndex(l => l.Contains("throw new NotImplementedException(\"Exercise 3.1:", StringComparison.Ordinal)) + 1;
        Assert.Contains($"Exercise 3.1 is next: Write one step of the tanh RNN cell. Replace the line that throws NotImplementedException (line {stubLine} of {Name}.cs)", stopped.Output);
        Assert.DoesNotContain("Unhandled exception", stopped.Output);
        string page = NotebookApp.PagePath(Root, Path.Combine(Root, "notebooks", "exercises", Name + ".ipynb"));
        Assert.Contains($"Page: {page}", stopped.Output);
        string html = File.ReadAllText(page);
        Assert.Contains("class=\"rnn-next-exercise\"", html);
        Assert.Contains("Exercise 3.1 is next", html);
        Assert.Contains("Exercise 3.1: Write one step of the tanh RNN cell", html); // the exercise's prose and stub ran and show
        Assert.DoesNotContain("Exercise 3.2: Unroll", html); // nothing after the cell that stopped

        var solved = Solved(File.ReadAllText(studentApp));
        var run = AppRunTests.Run(Root, Path.GetRelativePath(Root, solved.App));
        Assert.True(run.ExitCode == 0, $"the solved app exited with {run.ExitCode}:\n{run.Output}");
        Assert.DoesNotContain("is next:", run.Output);
        string solvedHtml = File.ReadAllText(solved.Page);
        Assert.DoesNotContain("class=\"rnn-next-exercise\"", solvedHtml);
        Assert.DoesNotContain("FAIL", PlainTextOf(solvedHtml));
        // It ran to the end: the lesson's last code cell is on the page.
        int codeCells = NotebookDocument.Load(Path.Combine(Root, "notebooks", "exercises", Name + ".ipynb")).Cells.Count(NotebookDocument.IsCode);
        Assert.Contains($"<div class=\"rnn-prompt\">In [{codeCells}]:</div>", solvedHtml);
    }

    /// <summary>
    /// The student app with each stub replaced by the course notebook's solution (in order), as a learner pastes
    /// them in, written below artifacts/ at the same depth so its relative paths hold; it writes its own page.
    /// </summary>
    static (string App, string Page) Solved(string studentApp)
    {
        var course = NotebookDocument.Load(Path.Combine(Root, "notebooks", Name + ".ipynb"));
        var solutions = course.Cells.Where(NotebookDocument.IsCode)
            .SelectMany(c => Solution().Matches(NotebookDocument.SourceOf(c).ReplaceLineEndings("\n")))
            .Select(m => m.Groups["code"].Value.TrimEnd('\n')).ToList();
        int next = 0;
        string solved = StubLine().Replace(studentApp, _ => solutions[next++]);
        Assert.True(next > 0 && next == solutions.Count, $"{next} stubs for {solutions.Count} solutions");

        string folder = Path.Combine(Root, "artifacts", "solved-apps", NotebookApp.ExercisesFolderName);
        Directory.CreateDirectory(folder);
        string app = Path.Combine(folder, Name + ".cs"), page = Path.Combine(Root, "artifacts", "solved-apps", Name + ".html");
        solved = solved.Replace($"\"../../../artifacts/apps/exercises/{Name}.html\"", Literal(page))
            .Replace("workingFolder: \"../../exercises\"", "workingFolder: " + Literal(Path.Combine(Root, "notebooks", "exercises")));
        Assert.Contains(Literal(page), solved);
        Assert.Contains("notebooks", solved[solved.IndexOf("workingFolder: ", StringComparison.Ordinal)..][..200]);
        File.WriteAllText(app, solved);
        return (app, page);
    }

    static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";

    static string PlainTextOf(string html) => Regex.Replace(Regex.Replace(html, "<script.*?</script>", "", RegexOptions.Singleline), "<[^>]*>", " ");

    [GeneratedRegex(@"^[ \t]*// BEGIN SOLUTION[^\n]*\n(?<code>.*?)^[ \t]*// END SOLUTION[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Solution();

    [GeneratedRegex(@"^[ \t]*throw new NotImplementedException\(""Exercise \d+\.\d+:[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex StubLine();
}
