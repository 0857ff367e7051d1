using System.Text.RegularExpressions;

namespace RnnNotebooks.Display;

/// <summary>One cell of a lesson read back from an app: markdown, or code cell <see cref="Number"/> (In [n]).</summary>
/// <param name="Number">The code cell's number as the site shows it (code cells counted from 1), or 0 for markdown.</param>
/// <param name="Text">The markdown, or the code as the app holds it (with the types it declares, which the app keeps at its end).</param>
public sealed record AppLessonCell(int Number, string Text)
{
    /// <summary>Whether this is a markdown cell.</summary>
    public bool IsMarkdown => Number == 0;
}

/// <summary>
/// The lesson a course app carries (<c>notebooks/apps/NN-name.cs</c>, written by the runner's make-apps), read
/// back from its source so that its page shows the prose and the code as the file has them, the learner's own
/// edits included. The file marks each notebook cell with a rule, <c>// ── cell 4 ──</c> for markdown (its
/// lines as <c>//</c> comments) and <c>// ── cell 5 · In [3] ──</c> for code (its statements after
/// <c>outputPage.Cell(3);</c>); after <c>// ── end of the notebook ──</c>, the types the cells declare, each
/// block under <c>// from cell 5 · In [3]</c>.
/// </summary>
public static partial class AppLesson
{
    /// <summary>The lesson's cells in order; none when <paramref name="source"/> is not a course app.</summary>
    public static IReadOnlyList<AppLessonCell> Parse(string source)
    {
        var cells = new List<(int Number, List<string> Lines)>();
        var types = new Dictionary<int, List<string>>();
        List<string>? current = null;
        bool inCode = false, afterEnd = false;
        foreach (var raw in source.ReplaceLineEndings("\n").Split('\n'))
        {
            var rule = Rule().Match(raw);
            if (rule.Success)
            {
                string label = rule.Groups["label"].Value;
                var cell = CellLabel().Match(label);
                if (!afterEnd && cell.Success)
                {
                    int number = cell.Groups["code"].Success ? int.Parse(cell.Groups["code"].Value) : 0;
                    current = [];
                    cells.Add((number, current));
                    inCode = false;
                }
                else
                {
                    afterEnd = true;
                    current = null;
                }
                continue;
            }
            if (afterEnd)
            {
                var from = TypesFrom().Match(raw);
                if (from.Success)
                {
                    int number = int.Parse(from.Groups["code"].Value);
                    if (!types.TryGetValue(number, out current)) types[number] = current = [];
                    else current.Add("");
                }
                else current?.Add(raw);
                continue;
            }
            if (current is null) continue;
            int codeNumber = cells[^1].Number;
            if (codeNumber == 0)
                current.Add(raw.StartsWith("// ", StringComparison.Ordinal) ? raw[3..] : raw.StartsWith("//", StringComparison.Ordinal) ? raw[2..] : raw);
            else if (inCode)
                current.Add(raw);
            else if (raw.Trim() == $"outputPage.Cell({codeNumber});")
                inCode = true;
        }

        return cells.Select(c =>
        {
            string text = Trimmed(c.Lines);
            if (c.Number > 0 && types.TryGetValue(c.Number, out var declared))
                text = text.Length == 0 ? Trimmed(declared) : text + "\n\n" + Trimmed(declared);
            return new AppLessonCell(c.Number, text);
        }).ToList();
    }

    static string Trimmed(List<string> lines)
    {
        int start = 0, end = lines.Count;
        while (start < end && string.IsNullOrWhiteSpace(lines[start])) start++;
        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1])) end--;
        return string.Join('\n', lines.Skip(start).Take(end - start));
    }

    [GeneratedRegex("^// ── (?<label>.*?) ─+$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^cell \d+(?: · In \[(?<code>\d+)\])?$")]
    private static partial Regex CellLabel();

    [GeneratedRegex(@"^// from cell \d+ · In \[(?<code>\d+)\]$")]
    private static partial Regex TypesFrom();
}
