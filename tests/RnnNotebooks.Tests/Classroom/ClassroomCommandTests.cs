using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Tests.Jupyter;

namespace RnnNotebooks.Tests.Classroom;

public sealed class ClassroomCommandTests
{
    [Theory]
    [InlineData("")]
    [InlineData("subs")]
    [InlineData("subs --out")]
    [InlineData("subs --out book --jobs 0")]
    [InlineData("subs --out book --memory lots")]
    [InlineData("subs --out book --cell-timeout -1")]
    [InlineData("subs --out book --sandbox")]
    [InlineData("subs more --out book")]
    public async Task Grade_refuses_bad_arguments_with_exit_code_2(string arguments)
    {
        Assert.Equal(2, await GradeCommand.RunAsync(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Grade_refuses_a_submissions_folder_that_does_not_exist()
    {
        using var temp = new TempFolder();
        Assert.Equal(2, await GradeCommand.RunAsync([temp.Sub("missing"), "--out", temp.Sub("book")]));
        Assert.False(Directory.Exists(temp.Sub("book")));
    }

    [Fact]
    public void Make_exercises_exits_1_on_a_malformed_notebook_and_2_on_bad_arguments()
    {
        using var temp = new TempFolder();
        ExerciseNotebook.Write(temp.Path, "03-broken.ipynb", ExerciseNotebook.Code("exercise-3-1", "// Exercise 3.1: Nothing to mark."));
        Assert.Equal(1, MakeExercisesCommand.Run([temp.Path]));
        Assert.Equal(2, MakeExercisesCommand.Run([temp.Sub("missing")]));
        Assert.Equal(2, MakeExercisesCommand.Run(["--force"]));
    }
}
