using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>The learning platform a <see cref="GradebookExport"/> writes for.</summary>
public enum GradingPlatform { Canvas, Moodle }

/// <summary>Whether an export has a column per notebook or per exercise.</summary>
public enum ExportColumns { Notebook, Exercise }

/// <summary>
/// A gradebook as a platform imports it: one row per roster student, one column per notebook (or exercise).
/// Canvas (Grades → Import): <c>Student, ID, SIS User ID, SIS Login ID, Section</c>, then a column per
/// assignment, and a "Points Possible" row under the header; a column Canvas does not know becomes a new
/// assignment. Moodle (Grade administration → Import → CSV file): the identifying columns
/// (<c>Email address</c>, <c>Username</c>) and a column per grade item, mapped at import. A student whose
/// notebook was not graded gets an empty cell (Canvas and Moodle leave the grade as it is), and every such
/// gap is in <see cref="Notes"/>, as is every graded folder the roster does not name.
/// </summary>
public sealed class GradebookExport
{
    GradebookExport(string text, IReadOnlyList<string> notes) => (Text, Notes) = (text, notes);

    /// <summary>The CSV text to import.</summary>
    public string Text { get; }

    /// <summary>What the export left blank or out, one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Exports <paramref name="rows"/> (the gradebook's exercise rows) for <paramref name="roster"/>'s students.</summary>
    /// <exception cref="FormatException">A roster student lacks every column the platform matches on; the message names them.</exception>
    public static GradebookExport Create(IReadOnlyList<GradebookRow> rows, Roster roster, GradingPlatform platform, ExportColumns per = ExportColumns.Notebook)
    {
        // A column's key and title, in the course's order (notebooks by name, exercises by label within them).
        string Key(GradebookRow r) => per == ExportColumns.Notebook ? r.Notebook : $"{r.Notebook}\n{r.Exercise}";
        string Title(GradebookRow r) => per == ExportColumns.Notebook ? r.Notebook : $"Exercise {r.Exercise} ({r.Notebook})";
        var columns = rows.GroupBy(Key)
            .Select(g => (Key: g.Key, Title: Title(g.First()), Max: g.GroupBy(r => r.Student).Max(s => s.Sum(r => r.MaxPoints))))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var points = rows.GroupBy(r => (r.Student, Key: Key(r))).ToDictionary(g => g.Key, g => g.Sum(r => r.Points));

        var notes = new List<string>();
        var missing = roster.Students.Where(s => platform == GradingPlatform.Canvas
                ? s.Name.Length + s.CanvasId.Length + s.SisUserId.Length + s.SisLoginId.Length == 0
                : s.Email.Length + s.Username.Length == 0).Select(s => s.Folder).ToList();
        if (missing.Count > 0)
            throw new FormatException(platform == GradingPlatform.Canvas
                ? $"Canvas matches a student by name, canvas_id, sis_user_id or sis_login_id, and the roster gives none for {string.Join(", ", missing)}: fill one in."
                : $"Moodle matches a student by email or username, and the roster gives neither for {string.Join(", ", missing)}: fill one in.");

        var identity = platform == GradingPlatform.Canvas
            ? new (string Title, Func<RosterStudent, string> Value)[]
            {
                ("Student", s => s.Name), ("ID", s => s.CanvasId), ("SIS User ID", s => s.SisUserId),
                ("SIS Login ID", s => s.SisLoginId), ("Section", s => s.Section),
            }
            : new (string Title, Func<RosterStudent, string> Value)[] { ("Email address", s => s.Email), ("Username", s => s.Username) }
                .Where(c => roster.Students.Any(s => c.Value(s).Length > 0)).ToArray();

        var text = new StringBuilder(CsvText.Line(identity.Select(c => c.Title).Concat(columns.Select(c => c.Title))));
        if (platform == GradingPlatform.Canvas)
            text.Append(CsvText.Line(new[] { "Points Possible" }.Concat(identity.Skip(1).Select(_ => "")).Concat(columns.Select(c => Number(c.Max)))));
        foreach (var student in roster.Students)
        {
            var blank = columns.Where(c => !points.ContainsKey((student.Folder, c.Key))).Select(c => c.Title.Replace("\n", " ")).ToList();
            if (blank.Count == columns.Count && columns.Count > 0) notes.Add($"{student.Folder} is on the roster but no notebook of theirs was graded: their row is blank.");
            else if (blank.Count > 0) notes.Add($"{student.Folder} has no graded {string.Join(", ", blank)}: left blank.");
            text.Append(CsvText.Line(identity.Select(c => c.Value(student))
                .Concat(columns.Select(c => points.TryGetValue((student.Folder, c.Key), out int p) ? Number(p) : ""))));
        }
        foreach (var folder in rows.Select(r => r.Student).Distinct().Where(f => roster.Students.All(s => s.Folder != f)).Order(StringComparer.Ordinal))
            notes.Add($"{folder} was graded but is not on the roster, so is not in the export: add a line for {folder} to the roster.");
        return new GradebookExport(text.ToString(), notes);
    }

    /// <summary>The exercise rows of the gradebook.json that <c>grade</c> wrote into <paramref name="gradebookFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no gradebook.json.</exception>
    /// <exception cref="FormatException">The file is not a gradebook.</exception>
    public static IReadOnlyList<GradebookRow> ReadRows(string gradebookFolder)
    {
        string path = Path.Combine(gradebookFolder, Gradebook.JsonFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: export reads the folder that grade wrote (grade SUBMISSIONS --out GRADEBOOK).", path);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!["rows"]!.AsArray().Select(r => new GradebookRow(
                (string)r!["student"]!, (string)r["notebook"]!, (string)r["exercise"]!, (int)r["points"]!, (int)r["max_points"]!, (string?)r["message"] ?? "")).ToList();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{path} is not a gradebook that grade wrote ({e.Message}). Grade again to rewrite it.", e);
        }
    }

    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
