using System.ComponentModel;
using System.Diagnostics;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>What a finished child process printed, and how it ended.</summary>
public sealed record ExternalCommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>True when the process exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of standard error, else of standard output: the usual place for the reason.</summary>
    public string LastLine => LastNonEmptyLine(Error) ?? LastNonEmptyLine(Output) ?? $"exit code {ExitCode}";

    static string? LastNonEmptyLine(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
}

/// <summary>Runs the programs kernel set-up depends on (<c>dotnet</c>, <c>jupyter</c>, the kernel tool) and captures their output.</summary>
public static class ExternalCommand
{
    /// <summary>
    /// Runs <paramref name="program"/> to completion. Returns <c>null</c> when the program does not exist,
    /// so callers can tell "not installed" apart from "ran and failed".
    /// </summary>
    public static ExternalCommandResult? TryRun(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null; // not on PATH / not executable
        }
        if (process is null) return null;
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new ExternalCommandResult(process.ExitCode, output.Result, error.Result);
        }
    }
}
