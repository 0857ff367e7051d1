// Shared with the grader, as CheckValue.cs is.
#if RNN_GRADER
namespace RnnNotebooks.Runner.Classroom;
#else
namespace RnnNotebooks.Classroom;
#endif

/// <summary>
/// What a check does in this process, from the variable <c>RNN_NOTEBOOKS_CHECKS</c> the grader sets: show
/// PASS/FAIL (unset: a learner's kernel, the runner, an app), write the learner's answers only
/// (<c>answers</c>: a submission being graded), or write the expected values and show the verdicts
/// (<c>expected</c>: the course notebook run alone, for the grader). A submission can change the variable,
/// which only loses its answers: the grader never takes a verdict, nor an expected value, from its process.
/// </summary>
internal static class CheckMode
{
    public const string Variable = "RNN_NOTEBOOKS_CHECKS";

    public const string Verdicts = "verdicts", Answers = "answers", Expected = "expected";

    public static string Current => Environment.GetEnvironmentVariable(Variable) switch
    {
        Answers => Answers,
        Expected => Expected,
        _ => Verdicts,
    };
}
