using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>
/// The course's exercises declare what the library already answers, their names resolve, the course's own
/// solutions keep their rules, and a solution that calls the library's answer instead is caught, on the real
/// notebooks compiled as the kernel runs them (nothing is executed).
/// </summary>
public sealed class CourseRulesTests
{
    static readonly string Course = Path.Combine(RepositoryRoot.Find(), "notebooks");

    /// <summary>Every assembly of the test's folder: the library, its packages, the framework, the kernel.</summary>
    static readonly LibraryReferences References = LibraryReferences.Of(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"));

    static ExerciseSheet Sheet(int number) => ExercisesFolder.Sheets(Course).Single(s => s.Number == number);

    [Fact]
    public void Every_exercise_declares_the_library_members_that_answer_it()
    {
        var exercises = ExercisesFolder.Sheets(Course).SelectMany(s => s.Exercises).ToDictionary(e => e.Label);
        Assert.All(exercises.Values, e => Assert.NotEmpty(e.Forbidden));
        foreach (var (label, name) in new[]
        {
            ("3.3", "RnnNotebooks.Text.Softmax"), ("5.2", "RnnNotebooks.Training.GradientClipping"), ("9.1", "RnnNotebooks.Perceptrons.MeanSquaredError"),
            ("7.2", "RnnNotebooks.Text.TemperatureSampler"), ("11.1", "RnnNotebooks.Attention.AttentionSoftmax"),
            ("11.2", "RnnNotebooks.Attention.AdditiveAttention"), ("11.3", "RnnNotebooks.Attention.CausalMask"),
        })
            Assert.Contains(name, exercises[label].Forbidden.Select(f => f.Name));
    }

    /// <summary>The analysis sees what the kernel sees: every cell of the course compiles, so every name in it resolves to its symbol.</summary>
    [Fact]
    public void Every_cell_of_the_course_compiles_as_the_grader_compiles_it()
    {
        var errors = new List<string>();
        foreach (var sheet in ExercisesFolder.Sheets(Course))
        {
            var compilation = new NotebookCompilation([.. sheet.Notebook.CodeCells.Select(NotebookDocument.SourceOf)], References);
            for (int i = 0; i < compilation.Count; i++)
                errors.AddRange(compilation.Model(i).GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                    .Select(d => $"{sheet.Notebook.Name}, code cell {i + 1}: {d}"));
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Every_declared_name_resolves_and_every_course_solution_keeps_its_rules()
    {
        foreach (var sheet in ExercisesFolder.Sheets(Course).Where(s => s.Exercises.Count > 0))
            ForbiddenMembers.CheckCourse(sheet, References); // throws with the exercise, the member and the line
    }

    [Theory]
    [InlineData(3, "exercise-3-3", "    return RnnNotebooks.Text.Softmax.Probabilities(y);", "RnnNotebooks.Text.Softmax")]
    [InlineData(5, "exercise-5-2", "    return RnnNotebooks.Training.GradientClipping.ByGlobalNorm(parameters, maxNorm).NormBefore;", "RnnNotebooks.Training.GradientClipping")]
    [InlineData(11, "exercise-11-1", "    return [.. AttentionSoftmax.Weights(Matrix<double>.Build.DenseOfColumnArrays(scores)).Column(0)];", "RnnNotebooks.Attention.AttentionSoftmax")]
    [InlineData(11, "exercise-11-3", "    return CausalMask.Of(n);", "RnnNotebooks.Attention.CausalMask")]
    public void A_solution_that_calls_the_librarys_answer_scores_0_with_the_reason(int notebook, string cellId, string body, string member)
    {
        var sheet = Sheet(notebook);
        var exercise = sheet.Exercises.Single(e => e.CellId == cellId);
        var root = StudentVersion.Create(sheet, "student.ipynb").CopyJson();
        var cell = ((JsonArray)root["cells"]!).OfType<JsonObject>().Single(c => (string?)c["id"] == cellId);
        var lines = MarkedRegion.LinesOf(NotebookDocument.SourceOf(cell));
        int stub = lines.FindIndex(l => l.Contains("NotImplementedException", StringComparison.Ordinal));
        lines[stub] = body + "\n";
        NotebookDocument.SetSource(cell, string.Concat(lines));
        var graded = GradedCopy.Create(NotebookDocument.FromJson(sheet.Notebook.Path, root), sheet, sheet.Notebook.Path).Notebook;

        var violations = ForbiddenMembers.Find(sheet, graded, References);
        var message = Assert.Single(violations).Value;
        Assert.Equal(exercise, violations.Single().Key);
        Assert.Contains($"Exercise {exercise.Label} may not use {member}", message);
        Assert.Contains($"line {stub + 1} of the exercise cell", message);
    }
}
