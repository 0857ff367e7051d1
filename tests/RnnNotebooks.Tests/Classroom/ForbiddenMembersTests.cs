using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using static RnnNotebooks.Tests.Classroom.ExerciseNotebook;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// Forbidden members decided on the compiler's symbols: a softmax exercise that forbids the library's softmax, its
/// solution written every way a learner could call the library's instead (alias, using static, full name, method
/// group, nested lambda, a helper in a cell of their own, an extension method), and the ways around any rule
/// (reflection, dynamic, native calls, the kernel's API, directives), each caught with the member and the line.
/// </summary>
public sealed class ForbiddenMembersTests
{
    /// <summary>The library and MathNet, as the test process loaded them; the framework and the kernel come with them.</summary>
    static readonly LibraryReferences References = LibraryReferences.Of(
        [typeof(RnnNotebooks.Text.Softmax).Assembly.Location, typeof(MathNet.Numerics.LinearAlgebra.Vector<double>).Assembly.Location]);

    const string Header = "// Exercise 3.1: Write the softmax.\n// Forbidden: RnnNotebooks.Text.Softmax, System.Linq.Enumerable.Sum\n";

    const string Solution = "    var e = (y - y.Maximum()).PointwiseExp();\n    return e / e.Sum();";

    static string ExerciseSource(string body, string before = "") =>
        Header + before + $"Vector<double> MySoftmax(Vector<double> y)\n{{\n    // BEGIN SOLUTION (1 point)\n{body}\n    // END SOLUTION\n}}";

    static readonly JsonObject[] CourseCells =
    [
        Code("setup", "#r \"nuget: RnnNotebooks, 1.0.0\"\nusing MathNet.Numerics.LinearAlgebra;\nusing RnnNotebooks.Text;"),
        Code("teacher", "// The teacher's own softmax, which later cells use.\nVector<double> TeacherSoftmax(Vector<double> v) => Softmax.Probabilities(v);\nvar scores = Vector<double>.Build.DenseOfArray([1.0, 2.0, 3.0]);"),
        Code("exercise-3-1", ExerciseSource(Solution)),
        Checks("exercise-3-1-checks", "// Checks for Exercise 3.1\nRnnNotebooks.Classroom.Check.Close(MySoftmax(scores), expected: () => Softmax.Probabilities(scores), hint: \"exp, then divide by the sum\");"),
        Code("after", "display(TeacherSoftmax(scores));"),
    ];

    static readonly ExerciseSheet Course = ExerciseSheet.Parse(Document("03-soft.ipynb", CourseCells));

    /// <summary>The violation found in a submission whose exercise cell is <paramref name="exercise"/> (and extra cells before it), or null.</summary>
    static string? Violation(string exercise, params JsonObject[] before)
    {
        var student = StudentVersion.Create(Course, "03-soft.ipynb").CopyJson();
        var cells = (JsonArray)student["cells"]!;
        int at = cells.Select((c, i) => (c, i)).First(x => (string?)x.c!["id"] == "exercise-3-1").i;
        NotebookDocument.SetSource((JsonObject)cells[at]!, exercise);
        foreach (var cell in before.Reverse()) cells.Insert(at, cell.DeepClone());
        var submission = NotebookDocument.FromJson("03-soft.ipynb", student);
        var graded = GradedCopy.Create(submission, Course, "03-soft.ipynb").Notebook;
        return ForbiddenMembers.Find(Course, graded, References).GetValueOrDefault(Course.Exercises[0]);
    }

    static void Refused(string? violation, params string[] saying)
    {
        Assert.NotNull(violation);
        foreach (var words in saying) Assert.Contains(words, violation);
    }

    [Fact]
    public void The_course_itself_declares_names_that_resolve_and_keeps_its_own_rules()
    {
        Assert.Equal(["RnnNotebooks.Text.Softmax", "System.Linq.Enumerable.Sum"], Course.Exercises[0].Forbidden.Select(f => f.Name));
        Assert.Empty(ForbiddenMembers.Unresolved(Course, References));
        ForbiddenMembers.CheckCourse(Course, References);
    }

    [Fact]
    public void An_honest_solution_and_the_teachers_own_cells_are_not_violations()
    {
        Assert.Null(Violation(ExerciseSource(Solution)));
        // The teacher's cell uses the library's softmax, and the exercise cell may call what the teacher wrote.
        Assert.Null(Violation(ExerciseSource("    var e = (y - y.Maximum()).PointwiseExp();\n    return e / e.Sum() + 0 * TeacherSoftmax(y);")));
    }

    [Fact]
    public void A_direct_call_is_refused_with_the_member_and_the_line()
    {
        Refused(Violation(ExerciseSource("    return Softmax.Probabilities(y);")),
            "Exercise 3.1 may not use RnnNotebooks.Text.Softmax", "line 6 of the exercise cell", "RnnNotebooks.Text.Softmax.Probabilities");
    }

    [Theory]
    [InlineData("alias", "using S = RnnNotebooks.Text.Softmax;\n", "    return S.Probabilities(y);")]
    [InlineData("using static", "using static RnnNotebooks.Text.Softmax;\n", "    return Probabilities(y);")]
    [InlineData("fully qualified", "", "    return global::RnnNotebooks.Text.Softmax.Probabilities(y, 1.0);")]
    [InlineData("method group", "", "    Func<Vector<double>, double, Vector<double>> f = RnnNotebooks.Text.Softmax.Probabilities;\n    return f(y, 1.0);")]
    [InlineData("nested lambda", "", "    Func<Func<Vector<double>, Vector<double>>> make = () => v => Softmax.Probabilities(v);\n    return make()(y);")]
    [InlineData("the span overload", "", "    var a = y.ToArray();\n    Softmax.Normalize(a);\n    return Vector<double>.Build.DenseOfArray(a);")]
    [InlineData("extension-method form", "", "    var e = (y - y.Maximum()).PointwiseExp();\n    return e / e.AsEnumerable().Sum();")]
    public void Every_way_of_naming_a_forbidden_member_resolves_to_it(string evasion, string before, string body)
    {
        Assert.NotNull(evasion);
        Refused(Violation(ExerciseSource(body, before)), "may not use", "which does what the exercise asks you to write");
    }

    [Fact]
    public void A_helper_in_a_cell_the_learner_added_is_followed()
    {
        // (An extension method cannot be declared in a cell, CS1109: the extension form is the library's, Enumerable.Sum above.)
        var function = Code("mine", "// My helper.\nVector<double> Helper(Vector<double> v) => Softmax.Probabilities(v);");
        Refused(Violation(ExerciseSource("    return Helper(y);"), function), "RnnNotebooks.Text.Softmax", "line 2 of cell 3");
        // Through two helpers, one in the exercise cell, one in a cell of its own.
        Refused(Violation(ExerciseSource("    Vector<double> Inner(Vector<double> v) => Helper(v);\n    return Inner(y);"), function), "RnnNotebooks.Text.Softmax");
        // The same helper, unused, is the learner's own business.
        Assert.Null(Violation(ExerciseSource(Solution), function));
    }

    [Fact]
    public void A_teacher_cell_the_learner_changed_is_the_learners_code()
    {
        var changed = StudentVersion.Create(Course, "x.ipynb").CopyJson();
        var cells = (JsonArray)changed["cells"]!;
        var teacher = (JsonObject)cells.First(c => (string?)c!["id"] == "teacher")!;
        NotebookDocument.SetSource(teacher, "Vector<double> TeacherSoftmax(Vector<double> v) => RnnNotebooks.Text.Softmax.Probabilities(v) * 1.0;\nvar scores = Vector<double>.Build.DenseOfArray([1.0, 2.0, 3.0]);");
        NotebookDocument.SetSource((JsonObject)cells.First(c => (string?)c!["id"] == "exercise-3-1")!, ExerciseSource("    return TeacherSoftmax(y);"));
        var graded = GradedCopy.Create(NotebookDocument.FromJson("03-soft.ipynb", changed), Course, "03-soft.ipynb").Notebook;
        Assert.Contains("RnnNotebooks.Text.Softmax", ForbiddenMembers.Find(Course, graded, References)[Course.Exercises[0]]);
    }

    [Theory]
    [InlineData("    var m = Type.GetType(\"RnnNotebooks.Text.Softmax, RnnNotebooks\")!.GetMethod(\"Probabilities\")!;\n    return (Vector<double>)m.Invoke(null, new object[] { y, 1.0 })!;", "reflection")]
    [InlineData("    var t = y.GetType().Assembly.GetType(\"RnnNotebooks.Text.Softmax\");\n    return y;", "reflection")]
    [InlineData("    return (Vector<double>)Activator.CreateInstance(y.GetType())!;", "reflection")]
    [InlineData("    Func<Vector<double>, Vector<double>> f = v => v;\n    return (Vector<double>)f.DynamicInvoke(y)!;", "reflection")]
    [InlineData("    var d = Delegate.CreateDelegate(typeof(Func<Vector<double>, Vector<double>>), null!, \"x\");\n    return y;", "reflection")]
    [InlineData("    dynamic s = y;\n    return s;", "dynamic")]
    [InlineData("    var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(8);\n    return y;", "native calls")]
    [InlineData("    unsafe { delegate*<Vector<double>, Vector<double>> f = null; }\n    return y;", "native or unsafe code")]
    [InlineData("    Microsoft.DotNet.Interactive.Kernel.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode(\"1\"));\n    return y;", "the compiler or the kernel")]
    public void Reflection_dynamic_native_code_and_the_kernel_are_refused_in_any_exercise(string body, string what)
    {
        Refused(Violation(ExerciseSource(body)), what, "of the exercise cell");
    }

    [Fact]
    public void Native_imports_and_directives_are_refused()
    {
        Refused(Violation(ExerciseSource(Solution, "[System.Runtime.InteropServices.DllImport(\"libm\")] static extern double exp(double x);\n")), "Exercise 3.1 may not use");
        Refused(Violation(ExerciseSource(Solution, "#r \"nuget: Something, 1.0.0\"\n")), "kernel directive", "line 3");
    }

    [Fact]
    public void A_name_the_compiler_cannot_resolve_counts_as_the_forbidden_member_it_is_spelt_like()
    {
        Refused(Violation(ExerciseSource("    return NoSuchNamespace.Softmax.Probabilities(y);")), "names Softmax");
    }

    [Fact]
    public void A_declared_name_that_names_nothing_makes_the_course_ungradable()
    {
        var cells = CourseCells.Select(c => (JsonObject)c.DeepClone()).ToArray();
        NotebookDocument.SetSource(cells[2], ExerciseSource(Solution).Replace("System.Linq.Enumerable.Sum", "RnnNotebooks.Text.Softmaks"));
        var course = ExerciseSheet.Parse(Document("03-soft.ipynb", cells));
        var error = Assert.Throws<InvalidOperationException>(() => ForbiddenMembers.CheckCourse(course, References));
        Assert.Contains("RnnNotebooks.Text.Softmaks", error.Message);
    }

    [Fact]
    public void A_course_whose_own_solution_breaks_its_rule_cannot_be_graded()
    {
        var cells = CourseCells.Select(c => (JsonObject)c.DeepClone()).ToArray();
        NotebookDocument.SetSource(cells[2], ExerciseSource("    return Softmax.Probabilities(y);"));
        var error = Assert.Throws<InvalidOperationException>(() => ForbiddenMembers.CheckCourse(ExerciseSheet.Parse(Document("03-soft.ipynb", cells)), References));
        Assert.Contains("its own solution breaks its rules", error.Message);
    }

    [Theory]
    [InlineData("// forbidden RnnNotebooks.Text.Softmax", "not exactly a declaration")]
    [InlineData("// Forbidden: Softmax", "not a fully qualified name")]
    public void A_malformed_declaration_is_named_with_the_fix(string line, string problem)
    {
        var cells = CourseCells.Select(c => (JsonObject)c.DeepClone()).ToArray();
        NotebookDocument.SetSource(cells[2], ExerciseSource(Solution).Replace("// Forbidden: RnnNotebooks.Text.Softmax, System.Linq.Enumerable.Sum", line));
        var error = Assert.Throws<ExerciseFormatException>(() => ExerciseSheet.Parse(Document("03-soft.ipynb", cells)));
        Assert.Contains(problem, error.Message);
    }
}
