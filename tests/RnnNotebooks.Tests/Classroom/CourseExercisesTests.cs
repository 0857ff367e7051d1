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

    [Fact]
    public void Every_notebook_has_its_exercises_01_one_and_every_other_at_least_two()
    {
        var sheets = ExercisesFolder.Sheets(Course);
        var tooFew = sheets.Where(s => s.Exercises.Count < (s.Number == 1 ? 1 : 2)).Select(s => $"{s.Notebook.Name} has {s.Exercises.Count}").ToList();
        Assert.True(tooFew.Count == 0, $"Notebook 01 needs at least one exercise and every other at least two: {string.Join(", ", tooFew)}.");
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
