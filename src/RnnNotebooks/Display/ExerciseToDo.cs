using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Display;

/// <summary>
/// The exercise a student version's program stopped at: its stub, the line
/// <c>throw new NotImplementedException("Exercise 4.2: … Replace this line with your code.")</c> that the
/// runner's make-exercises writes in place of each solution, was called.
/// </summary>
/// <param name="Exercise">The exercise, e.g. <c>Exercise 4.2</c>.</param>
/// <param name="Task">What to write, as the exercise states it.</param>
/// <param name="Line">The line of the program that throws (the one to replace), when the program has line information.</param>
/// <param name="File">The program's file name, when known.</param>
public sealed partial record ExerciseToDo(string Exercise, string Task, int? Line, string? File)
{
    /// <summary>What the learner reads: the exercise, where its stub is, and what happens once it is written.</summary>
    public string Message =>
        $"{Exercise} is next: {Task} Replace the line that throws NotImplementedException" +
        (Line is { } line && File is { } file ? $" (line {line} of {file})" : "") +
        " with your code and run the program again: it runs on to the next exercise, or to the end.";

    /// <summary>The exercise <paramref name="error"/> is the stub of, or null when it is another error.</summary>
    /// <param name="error">An unhandled exception.</param>
    /// <param name="program">The program's source file, whose line is looked for in the stack trace.</param>
    public static ExerciseToDo? Of(Exception? error, string? program = null)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is not NotImplementedException stub || Stub().Match(stub.Message) is not { Success: true } m) continue;
            var frame = new StackTrace(stub, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() is { } name && (program is null || SameFile(name, program)) && f.GetFileLineNumber() > 0);
            return new ExerciseToDo(m.Groups["exercise"].Value, m.Groups["task"].Value.Trim(),
                frame?.GetFileLineNumber(), frame?.GetFileName() is { } f ? System.IO.Path.GetFileName(f) : null);
        }
        return null;
    }

    static bool SameFile(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<exercise>Exercise \d+\.\d+): (?<task>.*?)(?:\s*Replace this line with your code\.)?$", RegexOptions.Singleline)]
    private static partial Regex Stub();
}
