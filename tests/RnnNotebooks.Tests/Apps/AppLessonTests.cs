using System.Text.RegularExpressions;
using RnnNotebooks.Display;
using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Display;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Apps;

/// <summary>
/// An app's page teaches: the lesson is read back from the generated app (prose, code cells numbered In [k] as
/// on the site, the types a cell declares with it) and drawn with the outputs under their cell; a student
/// version's page stops at the exercise still to do, naming it.
/// </summary>
[Collection(PlotlyJsSession.Name)]
public sealed class AppLessonTests : IDisposable
{
    readonly string _root = FixtureNotebook.TemporaryFolder("app-lesson");

    public void Dispose() => FixtureNotebook.Delete(_root);

    const string Prose = "# 7 · Lines\n\nThe slope $m$ of a line <!-- figure: code-2 -->is\n\n$$m = \\frac{\\Delta y}{\\Delta x}.$$";

    (string AppPath, string App) Generate(string folder = "notebooks")
    {
        string notebook = FixtureNotebook.Write(Path.Combine(_root, folder), "07-lines", Prose,
            "#r \"nuget: RnnNotebooks, *-*\"", "using System.Text;\nrecord Point(double X, double Y);\nvar p = new Point(1, 2);", "Console.WriteLine(p.Y / p.X);");
        string app = NotebookApp.Generate(NotebookDocument.Load(notebook), _root);
        string path = NotebookApp.AppPath(notebook);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, app);
        return (path, app);
    }

    [Fact]
    public void The_lesson_is_read_back_from_the_app_with_code_cells_numbered_as_on_the_site()
    {
        var (_, app) = Generate();
        var lesson = AppLesson.Parse(app);
        Assert.Equal([0, 1, 2, 3], lesson.Select(c => c.Number));
        Assert.Equal(Prose.Replace("<!-- figure: code-2 -->", ""), lesson[0].Text);
        Assert.Equal("", lesson[1].Text); // the #r line is the app's #:project line
        Assert.Equal("var p = new Point(1, 2);\n\nrecord Point(double X, double Y);", lesson[2].Text);
        Assert.Equal("Console.WriteLine(p.Y / p.X);", lesson[3].Text);
        Assert.Empty(AppLesson.Parse("Console.WriteLine(1);"));
    }

    [Fact]
    public void The_page_shows_the_prose_with_its_maths_then_each_code_cell_with_its_outputs()
    {
        var (appPath, _) = Generate();
        var page = new OutputPage("7 · Lines", Path.Combine(_root, "page.html"), new StringWriter()) { LessonFile = appPath };
        page.Cell(2);
        page.Display("the point");
        page.Cell(3);
        page.Display("slope 2");
        string running = page.Render();
        page.Finish();
        string html = File.ReadAllText(page.Path);

        Assert.Contains("<h1 id=\"7-lines\">7 · Lines</h1>", html);
        Assert.Contains("<span class=\"math\">m</span>", html);
        Assert.Contains("\\frac{\\Delta y}{\\Delta x}", html);
        Assert.Contains("katex.render", html);
        Assert.DoesNotContain("In [1]:", html); // a cell with no code and no output is left out
        int code2 = html.IndexOf("<div class=\"rnn-prompt\">In [2]:</div>", StringComparison.Ordinal);
        int point = html.IndexOf("var p = new Point(1, 2);", StringComparison.Ordinal);
        int shown2 = html.IndexOf("the point", StringComparison.Ordinal);
        int code3 = html.IndexOf("<div class=\"rnn-prompt\">In [3]:</div>", StringComparison.Ordinal);
        int shown3 = html.IndexOf("slope 2", StringComparison.Ordinal);
        Assert.True(0 < code2 && code2 < point && point < shown2 && shown2 < code3 && code3 < shown3, html);
        Assert.Contains("id=\"cell-3\"", html);
        // While cell 3 runs, the page already holds it; it is whole once finished.
        Assert.Contains("slope 2", running);
    }

    [Fact]
    public void A_stopped_page_shows_the_lesson_up_to_the_cell_that_ran_and_names_the_exercise_to_do()
    {
        var (appPath, _) = Generate();
        var console = new StringWriter();
        var page = new OutputPage("7 · Lines", Path.Combine(_root, "page.html"), console) { LessonFile = appPath };
        page.Cell(2);
        page.Display("the point");
        ExerciseToDo? exercise = null;
        try { Stub(); }
        catch (NotImplementedException e) { exercise = ExerciseToDo.Of(e); }
        Assert.NotNull(exercise);
        page.StopAtExercise(exercise!);
        string html = File.ReadAllText(page.Path);

        Assert.Contains("the point", html);
        Assert.DoesNotContain("Console.WriteLine(p.Y / p.X);", html);
        var note = Regex.Match(html, "<div class=\"rnn-next-exercise\"[^>]*>(?<text>.*?)</div>", RegexOptions.Singleline);
        Assert.True(note.Success, html);
        Assert.Contains("Exercise 7.1 is next: Find the slope.", note.Groups["text"].Value);
        Assert.Matches(@"line \d+ of AppLessonTests\.cs", note.Groups["text"].Value);
        Assert.Contains("Exercise 7.1 is next", console.ToString());
        Assert.Contains($"Page: {page.Path}", console.ToString());
    }

    static void Stub() => throw new NotImplementedException("Exercise 7.1: Find the slope. Replace this line with your code.");

    [Fact]
    public void Only_an_exercise_stub_is_an_exercise_to_do()
    {
        Assert.Null(ExerciseToDo.Of(new NotImplementedException("The method or operation is not implemented.")));
        Assert.Null(ExerciseToDo.Of(new InvalidOperationException("Exercise 7.1: not a stub")));
        var wrapped = ExerciseToDo.Of(new AggregateException(new NotImplementedException("Exercise 10.2: Decode a caption.")));
        Assert.Equal(("Exercise 10.2", "Decode a caption."), (wrapped?.Exercise, wrapped?.Task));
    }

    [Fact]
    public void A_student_versions_app_goes_to_apps_exercises_and_says_how_it_stops()
    {
        var (appPath, app) = Generate(Path.Combine("notebooks", "exercises"));
        Assert.Equal(Path.Combine(_root, "notebooks", "apps", "exercises", "07-lines.cs"), appPath);
        Assert.Contains("\"../../../artifacts/apps/exercises/07-lines.html\"", app);
        Assert.Contains("workingFolder: \"../../exercises\"", app);
        Assert.Contains("runs up to\n// the first one still to do and stops", app);
    }
}
