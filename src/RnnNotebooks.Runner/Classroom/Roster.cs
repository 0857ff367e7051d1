namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Who the submission folders are on the learning platform: a CSV file with a header and one row per student.
/// <c>folder</c> (the student's folder in SUBMISSIONS) is required; the other columns are optional and named
/// for what they feed: <c>name</c>, <c>email</c> and <c>username</c> (Moodle matches on one of the last two),
/// <c>canvas_id</c>, <c>sis_user_id</c>, <c>sis_login_id</c> and <c>section</c> (Canvas matches on one of the
/// first three). Example: <c>folder,name,email\nalice,"Lovelace, Ada",ada@example.org</c>.
/// </summary>
public sealed class Roster
{
    /// <summary>The columns a roster may have.</summary>
    public static readonly string[] Columns = ["folder", "name", "email", "username", "canvas_id", "sis_user_id", "sis_login_id", "section"];

    Roster(IReadOnlyList<RosterStudent> students) => Students = students;

    /// <summary>The students, in the file's order.</summary>
    public IReadOnlyList<RosterStudent> Students { get; }

    /// <summary>Reads the roster at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a roster; the message names the line and the fix.</exception>
    public static Roster Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses roster text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="FormatException">The text is not a roster; the message names the line and the fix.</exception>
    public static Roster Parse(string text, string source = "the roster")
    {
        var records = CsvText.Parse(text.TrimStart('\uFEFF'));
        if (records.Count == 0) throw new FormatException($"{source} is empty: give a header line ({string.Join(",", Columns)}) and a line per student.");
        var header = records[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var column in header)
            if (!Columns.Contains(column))
                throw new FormatException($"{source}: unknown column \"{column}\" in the header. A roster's columns are {string.Join(", ", Columns)}.");
        if (header.Distinct().Count() != header.Count)
            throw new FormatException($"{source}: a column is named twice in the header.");
        if (!header.Contains("folder"))
            throw new FormatException($"{source} has no \"folder\" column: add one naming each student's folder in the submissions.");

        var students = new List<RosterStudent>();
        for (int line = 1; line < records.Count; line++)
        {
            var record = records[line];
            if (record.Count != header.Count)
                throw new FormatException($"{source}, line {line + 1}: {record.Count} fields where the header has {header.Count}. Quote a field that holds a comma (\"Lovelace, Ada\").");
            string Get(string column) => header.IndexOf(column) is int i and >= 0 ? record[i].Trim() : "";
            var student = new RosterStudent(Get("folder"), Get("name"), Get("email"), Get("username"), Get("canvas_id"), Get("sis_user_id"), Get("sis_login_id"), Get("section"));
            if (student.Folder.Length == 0) throw new FormatException($"{source}, line {line + 1}: the folder is empty.");
            if (students.Any(s => s.Folder == student.Folder))
                throw new FormatException($"{source}, line {line + 1}: the folder \"{student.Folder}\" is on the roster twice.");
            students.Add(student);
        }
        return new Roster(students);
    }
}

/// <summary>One student of a <see cref="Roster"/>; an absent column is the empty string.</summary>
public sealed record RosterStudent(string Folder, string Name, string Email, string Username, string CanvasId, string SisUserId, string SisLoginId, string Section);
