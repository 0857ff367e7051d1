using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>The course's own exercises: well formed, enough of them, and the committed student versions up to date.</summary>
public sealed class CourseExercisesTests
{
    static readonly string Course = Path.Combine(RepositoryRoot.Find(), "notebooks");

    [Fact]
    public void Every_course_notebook_parses()
    {
        var sheets = ExercisesFolder.Sheets(Course); // throws with the notebook, the cell and the fix
        Assert.Equal(Directory.GetFiles(Course, "*.ipynb").Length, sheets.Count);
    }

    [SkippableFact]
    public void Every_notebook_from_03_on_has_at_least_two_exercises()
    {
        var sheets = ExercisesFolder.Sheets(Course);
        Skip.If(sheets.All(s => s.Exercises.Count == 0), "the course notebooks have no exercises yet (issue 7); this test runs as soon as one has");
        var tooFew = sheets.Where(s => s.Number >= 3 && s.Exercises.Count < 2).Select(s => $"{s.Notebook.Name} has {s.Exercises.Count}").ToList();
        Assert.True(tooFew.Count == 0, $"Every notebook from 03 on needs at least two exercises: {string.Join(", ", tooFew)}.");
    }

    [Fact]
    public void The_committed_student_versions_are_up_to_date()
    {
        var differences = ExercisesFolder.Differences(Course);
        Assert.True(differences.Count == 0,
            $"The student versions in notebooks/{ExercisesFolder.Name}/ do not match the course notebooks:\n  {string.Join("\n  ", differences)}\n" +
            $"Run `{ExercisesFolder.Command}` and commit the result.");
    }
}
