using System.Text;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// <c>export GRADEBOOK --roster FILE --format canvas|moodle [--per notebook|exercise] [--out FILE]</c>: the
/// gradebook <c>grade</c> wrote, as a CSV file Canvas or Moodle imports (<see cref="GradebookExport"/>).
/// </summary>
public static class ExportCommand
{
    /// <summary>The usage line.</summary>
    public const string Usage = "export GRADEBOOK --roster FILE --format canvas|moodle [--per notebook|exercise] [--out FILE]";

    /// <summary>Runs the command: 0 when the file was written, 1 when the gradebook or roster could not be read, 2 on bad arguments.</summary>
    public static int Run(string[] args)
    {
        string? gradebook = null, roster = null, format = null, per = "notebook", output = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--roster": roster = Next(); if (roster is null) return Fail("--roster needs the roster file (folder,name,email,...)."); break;
                case "--format": format = Next()?.ToLowerInvariant(); break;
                case "--per": per = Next()?.ToLowerInvariant(); break;
                case "--out": output = Next(); if (output is null) return Fail("--out needs a file name."); break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): return Fail($"Unknown option '{a}'.");
                case var a when gradebook is null: gradebook = a; break;
                case var a: return Fail($"Only one GRADEBOOK folder is exported at a time; '{a}' is one too many.");
            }
        }
        if (gradebook is null || roster is null) return Fail("Name the gradebook folder (what grade --out wrote) and the roster (--roster).");
        GradingPlatform platform;
        if (format == "canvas") platform = GradingPlatform.Canvas;
        else if (format == "moodle") platform = GradingPlatform.Moodle;
        else return Fail("--format is canvas or moodle.");
        if (per is not ("notebook" or "exercise")) return Fail("--per is notebook (a column per notebook) or exercise (a column per exercise).");

        try
        {
            var export = GradebookExport.Create(GradebookExport.ReadRows(gradebook), Roster.Read(roster), platform,
                per == "exercise" ? ExportColumns.Exercise : ExportColumns.Notebook);
            output ??= Path.Combine(gradebook, $"{format}.csv");
            File.WriteAllText(output, export.Text, new UTF8Encoding(false));
            foreach (var note in export.Notes) Console.WriteLine($"note: {note}");
            Console.WriteLine($"Wrote {output}: import it in {(platform == GradingPlatform.Canvas ? "Canvas (Grades → Import)" : "Moodle (Grade administration → Import → CSV file)")}.");
            return 0;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static int Fail(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"Usage: {Usage}");
        return 2;
    }
}
