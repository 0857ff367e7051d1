using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Apps;

/// <summary>
/// The generator's rules (README, "Following the course without a notebook kernel"), one fixture notebook
/// each, in a throwaway clone layout: notebooks/NAME.ipynb, apps into notebooks/apps/.
/// </summary>
public sealed class AppRulesTests : IDisposable
{
    readonly string _root = FixtureNotebook.TemporaryFolder("apps");

    public void Dispose() => FixtureNotebook.Delete(_root);

    string Generate(string name, params string[] codeCells) =>
        NotebookApp.Generate(NotebookDocument.Load(FixtureNotebook.Write(Path.Combine(_root, "notebooks"), name, "# Fixture", codeCells)), _root);

    NotebookAppException Refused(string name, params string[] codeCells) =>
        Assert.Throws<NotebookAppException>(() => Generate(name, codeCells));

    static void AssertCompiles(string app)
    {
        var problems = AppCompilation.Problems(app);
        Assert.True(problems.Count == 0, string.Join('\n', problems) + "\n\n" + app);
    }

    // FixtureNotebook puts one markdown cell first: code cell k is notebook cell k + 1.

    [Fact]
    public void A_quoted_figures_hidden_marker_is_left_out_of_the_comments_as_the_notebook_hides_it()
    {
        string app = NotebookApp.Generate(NotebookDocument.Load(FixtureNotebook.Write(Path.Combine(_root, "notebooks"), "marker",
            "The loss ends at 1.57<!-- figure: code-1 -->.", "Console.WriteLine(1.57);")), _root);
        Assert.Contains("// The loss ends at 1.57.", app);
        Assert.DoesNotContain("<!--", app);
    }

    [Fact]
    public void The_library_reference_becomes_the_project_directive_and_the_page_goes_to_artifacts_apps()
    {
        string app = Generate("refs", "#r \"nuget: RnnNotebooks, *-*\"", "var x = 1;\nConsole.WriteLine(x);");
        Assert.StartsWith("#:project ../../src/RnnNotebooks/RnnNotebooks.csproj\n", app);
        Assert.DoesNotContain("\n#r", app);
        Assert.Contains("OutputPage.Open(\"Fixture\", \"../../artifacts/apps/refs.html\", workingFolder: \"..\")", app);
        Assert.EndsWith("outputPage.Finish();\n", app);
        AssertCompiles(app);
    }

    [Fact]
    public void Hidden_tests_are_left_out_and_visible_checks_and_solutions_stay()
    {
        string app = Generate("hidden",
            "int Twice(int x)\n{\n    // BEGIN SOLUTION (1 point)\n    return 2 * x;\n    // END SOLUTION\n}",
            "// Checks for Exercise 1.1\nConsole.WriteLine(Twice(2) == 4);\n// BEGIN HIDDEN TESTS\nConsole.WriteLine(Twice(-3) == -6);\n// END HIDDEN TESTS");
        Assert.Contains("return 2 * x;", app);
        Assert.Contains("Console.WriteLine(Twice(2) == 4);\n", app);
        Assert.DoesNotContain("Twice(-3)", app);
        Assert.DoesNotContain("HIDDEN TESTS", app);
        Assert.Contains("its hidden tests are left out", app);
        AssertCompiles(app);
        Assert.Contains("is never closed", Refused("unclosed", "Console.WriteLine(1);\n// BEGIN HIDDEN TESTS\nConsole.WriteLine(2);").Message);
    }

    [Fact]
    public void A_bare_last_expression_is_displayed_and_other_statements_are_left_as_written()
    {
        string app = Generate("expr", "var x = 6 * 7;\nx", "var y = x + 1;\nConsole.WriteLine(y);", "x == 42 ? \"yes\" : \"no\" // a comment");
        Assert.Contains("var x = 6 * 7;\ndisplay(x);\n", app);
        Assert.Contains("var y = x + 1;\nConsole.WriteLine(y);\n", app);
        Assert.Contains("display(x == 42 ? \"yes\" : \"no\"); // a comment\n", app);
        AssertCompiles(app);
    }

    [Fact]
    public void Using_directives_are_hoisted_to_the_top_deduplicated_in_order_after_the_kernels_default_imports()
    {
        string app = Generate("usings",
            "using MathNet.Numerics.LinearAlgebra;\nusing System.Text;\nvar m = Matrix<double>.Build.Dense(2, 2);",
            "using  MathNet.Numerics.LinearAlgebra ;\nusing Chart = Plotly.NET.Chart;\nvar s = new StringBuilder().Append(m.RowCount);");
        var usings = app.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["using System.Collections;", "using System.Text;", "using MathNet.Numerics.LinearAlgebra;", "using Chart = Plotly.NET.Chart;"], usings);
        int firstStatement = app.IndexOf("var outputPage", StringComparison.Ordinal);
        Assert.True(app.LastIndexOf("\nusing ", StringComparison.Ordinal) < firstStatement);
        AssertCompiles(app);
    }

    [Fact]
    public void Markdown_cells_become_comments_with_their_text_and_every_cell_is_marked()
    {
        string app = Generate("markdown", "Console.WriteLine(1);");
        Assert.Contains("// ── cell 1 ─", app);
        Assert.Contains("\n// # Fixture\n", app);
        // Code cells are also numbered as the site numbers them: In [k], counting code cells from 1.
        Assert.Contains("// ── cell 2 · In [1] ─", app);
        Assert.Contains("outputPage.Cell(1);\nConsole.WriteLine(1);\n", app);
    }

    [Fact]
    public void A_type_declared_in_a_cell_moves_after_the_statements()
    {
        string app = Generate("types", "record Point(double X, double Y);\nvar p = new Point(1, 2);", "display(p);");
        int finish = app.IndexOf("outputPage.Finish();", StringComparison.Ordinal);
        int record = app.IndexOf("record Point(double X, double Y);", StringComparison.Ordinal);
        Assert.True(record > finish, app);
        Assert.Contains("// from cell 2 · In [1]\nrecord Point", app);
        AssertCompiles(app);
    }

    [Fact]
    public void A_variable_declared_again_in_a_later_cell_is_refused_naming_both_cells_and_the_fix()
    {
        var e = Refused("twice", "var rate = 0.1;", "Console.WriteLine(rate);", "var rate = 0.5;");
        Assert.Equal(4, e.Cell);
        Assert.Contains("twice.ipynb, cell 4:", e.Message);
        Assert.Contains("'rate'", e.Message);
        Assert.Contains("cell 2", e.Message);
        Assert.Contains("Rename one of them", e.Message);
    }

    [Fact]
    public void A_function_declared_again_in_a_later_cell_is_refused()
    {
        var e = Refused("function-twice", "double Square(double x) => x * x;", "double Square(double x) => x * x * 1.0;");
        Assert.Equal(3, e.Cell);
        Assert.Contains("'Square'", e.Message);
    }

    [Fact]
    public void A_loop_variable_named_like_a_later_top_level_variable_is_refused()
    {
        var e = Refused("shadow", "for (int step = 0; step < 3; step++) Console.WriteLine(step);", "int step = 10;");
        Assert.Equal(2, e.Cell);
        Assert.Contains("'step'", e.Message);
        Assert.Contains("cell 3", e.Message);
    }

    [Fact]
    public void A_type_declared_again_is_refused()
    {
        var e = Refused("type-twice", "record Point(double X);", "record Point(double X, double Y);");
        Assert.Contains("'Point'", e.Message);
    }

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json, 13.0.3\"", "references something other than the course's library")]
    [InlineData("#r \"/tmp/Some.dll\"", "references something other than the course's library")]
    [InlineData("#!time\nvar x = 1;", "magic command")]
    [InlineData("#i \"nuget: /tmp/feed\"", "kernel directive")]
    [InlineData("#load \"helpers.csx\"", "kernel directive")]
    [InlineData("var x = ;", "does not parse as C#")]
    public void Kernel_only_lines_and_broken_code_are_refused_naming_the_notebook_and_cell(string cell, string problem)
    {
        var e = Refused("kernel-only", "var ok = 1;", cell);
        Assert.Equal(3, e.Cell);
        Assert.StartsWith(Path.Combine(_root, "notebooks", "kernel-only.ipynb") + ", cell 3: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_region_directive_is_CSharp_not_a_reference_and_stays()
    {
        string app = Generate("region", "#region setup\nvar x = 1;\n#endregion\nConsole.WriteLine(x);");
        Assert.Contains("#region setup\nvar x = 1;\n#endregion\n", app);
        AssertCompiles(app);
    }

    [Fact]
    public void The_course_and_its_student_versions_become_apps_and_a_broken_one_does_not_stop_the_others()
    {
        string notebooks = Path.Combine(_root, "notebooks");
        FixtureNotebook.Write(notebooks, "01-good", "# Good", "Console.WriteLine(1);");
        FixtureNotebook.Write(notebooks, "02-bad", "# Bad", "#!time");
        FixtureNotebook.Write(Path.Combine(notebooks, "exercises"), "01-good", "# Exercise", "Console.WriteLine(2);");
        FixtureNotebook.Write(Path.Combine(notebooks, "other"), "01-good", "# Elsewhere", "Console.WriteLine(3);");
        var apps = MakeAppsCommand.Generate(notebooks, _root);
        Assert.Equal(["apps/01-good.cs", "apps/02-bad.cs", "apps/exercises/01-good.cs"],
            apps.Select(a => Path.GetRelativePath(notebooks, a.AppPath).Replace('\\', '/')));
        Assert.Contains("artifacts/apps/exercises/01-good.html", apps[2].Text);
        Assert.NotNull(apps[0].Text);
        Assert.Null(apps[1].Text);
        Assert.Contains("02-bad.ipynb, cell 2:", apps[1].Error);
    }
}
