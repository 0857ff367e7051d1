using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The result of grading: <c>gradebook.csv</c> and <c>gradebook.json</c> (a row per exercise of every
/// course notebook each student handed in, plus totals), a feedback page per student in
/// <c>feedback/</c>, and the executed graded copies in <c>executed/</c> (for the teacher: they hold the
/// hidden tests).
/// </summary>
public sealed class Gradebook
{
    /// <summary>The CSV file's name.</summary>
    public const string CsvFile = "gradebook.csv";

    /// <summary>The JSON file's name.</summary>
    public const string JsonFile = "gradebook.json";

    /// <summary>The folder of feedback pages, one &lt;student&gt;.html each.</summary>
    public const string FeedbackFolder = "feedback";

    /// <summary>The folder of executed graded copies, &lt;student&gt;/NN-name.ipynb.</summary>
    public const string ExecutedFolder = "executed";

    readonly GradeOptions _options;

    /// <param name="grades">Every graded notebook.</param>
    /// <param name="notes">What was found but not graded, one sentence each.</param>
    /// <param name="sandbox">The sandbox line: what submissions ran in.</param>
    /// <param name="options">The limits they ran under.</param>
    public Gradebook(IEnumerable<NotebookGrade> grades, IReadOnlyList<string> notes, string sandbox, GradeOptions options)
    {
        Grades = grades.OrderBy(g => g.Submission.Student, StringComparer.Ordinal).ThenBy(g => g.Notebook, StringComparer.Ordinal).ToList();
        Notes = notes;
        Sandbox = sandbox;
        _options = options;
    }

    /// <summary>The graded notebooks, by student then notebook.</summary>
    public IReadOnlyList<NotebookGrade> Grades { get; }

    /// <summary>Files found but not graded.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>What submissions ran in.</summary>
    public string Sandbox { get; }

    /// <summary>The rows, by student, notebook and exercise, each with its parts where the exercise has several regions.</summary>
    public IReadOnlyList<GradebookRow> Rows => Grades.SelectMany(g => g.Results.Select(r =>
        new GradebookRow(g.Submission.Student, g.Notebook, r.Exercise.Label, r.Points, r.Exercise.Points, r.Message)
        {
            Parts = r.Exercise.Solutions.Count > 1 ? r.Parts : [],
        })).ToList();

    /// <summary>Each student's points and the points available in the notebooks they handed in.</summary>
    public IReadOnlyList<(string Student, int Points, int MaxPoints)> Totals => Grades.GroupBy(g => g.Submission.Student)
        .Select(s => (s.Key, s.Sum(g => g.Points), s.Sum(g => g.MaxPoints))).ToList();

    /// <summary>Writes the CSV, the JSON and the feedback pages into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, CsvFile), ToCsv(), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, JsonFile), ToJson().ToJsonString(JsonOptions) + "\n", new UTF8Encoding(false));
        foreach (var student in Grades.GroupBy(g => g.Submission.Student))
            FeedbackPage.Write(student.Key, student.ToList(), Path.Combine(folder, FeedbackFolder, student.Key + ".html"));
    }

    /// <summary>
    /// The CSV text: a header, the rows (an exercise with several solution regions has its parts in the last
    /// column, "loss 0/2; perplexity 1/1"), then a "total" row per student.
    /// </summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("student,notebook,exercise,points,max_points,message,parts\n");
        foreach (var r in Rows)
            csv.Append(string.Join(',', Field(r.Student), Field(r.Notebook), Field(r.Exercise), r.Points, r.MaxPoints, Field(r.Message), Field(r.PartsText))).Append('\n');
        foreach (var (student, points, max) in Totals)
            csv.Append(string.Join(',', Field(student), "", "total", points, max, "", "")).Append('\n');
        return csv.ToString();
    }

    /// <summary>The JSON document: sandbox, limits, rows, totals (with each notebook's), and what was not graded.</summary>
    public JsonObject ToJson() => new()
    {
        ["sandbox"] = Sandbox,
        ["limits"] = new JsonObject
        {
            ["cell_timeout_seconds"] = _options.CellTimeout.TotalSeconds,
            ["notebook_timeout_seconds"] = _options.NotebookTimeout.TotalSeconds,
            ["memory_mb"] = _options.MemoryMegabytes,
            ["disk_mb"] = _options.DiskMegabytes,
            ["tmp_mb"] = _options.TmpMegabytes,
            ["threads"] = _options.Threads,
            ["output_limit_characters"] = _options.OutputLimit,
        },
        ["rows"] = new JsonArray(Rows.Select(r => (JsonNode)new JsonObject
        {
            ["student"] = r.Student,
            ["notebook"] = r.Notebook,
            ["exercise"] = r.Exercise,
            ["points"] = r.Points,
            ["max_points"] = r.MaxPoints,
            ["message"] = r.Message,
            ["parts"] = new JsonArray(r.Parts.Select(p => (JsonNode)new JsonObject
            {
                ["part"] = p.Label,
                ["points"] = p.Points,
                ["max_points"] = p.Region.Points,
                ["message"] = p.Message,
            }).ToArray()),
        }).ToArray()),
        ["totals"] = new JsonArray(Totals.Select(t => (JsonNode)new JsonObject
        {
            ["student"] = t.Student,
            ["points"] = t.Points,
            ["max_points"] = t.MaxPoints,
            ["notebooks"] = new JsonArray(Grades.Where(g => g.Submission.Student == t.Student).Select(g => (JsonNode)new JsonObject
            {
                ["notebook"] = g.Notebook,
                ["points"] = g.Points,
                ["max_points"] = g.MaxPoints,
                ["seconds"] = Math.Round(g.Seconds, 1),
            }).ToArray()),
        }).ToArray()),
        ["not_graded"] = new JsonArray(Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
    };

    /// <summary>One line per student: total, then each notebook's points.</summary>
    public void WriteSummary(TextWriter log)
    {
        log.WriteLine();
        int width = Math.Max(7, Totals.Select(t => t.Student.Length).DefaultIfEmpty(0).Max());
        log.WriteLine($"{"student".PadRight(width)}  {"points",9}  notebooks");
        foreach (var (student, points, max) in Totals)
        {
            var notebooks = Grades.Where(g => g.Submission.Student == student).Select(g => $"{g.Notebook} {g.Points}/{g.MaxPoints}");
            log.WriteLine($"{student.PadRight(width)}  {$"{points}/{max}",9}  {string.Join(", ", notebooks)}");
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Totals.Count} student(s), {Grades.Count} notebook(s), {Rows.Count} exercise(s) graded in {Grades.Sum(g => g.Seconds):0.0} s of grading time, {(Grades.Count == 0 ? 0 : Grades.Average(g => g.Seconds)):0.0} s a notebook."));
    }

    static string Field(string value) => CsvText.Field(value);

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
