using System.Text;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>Comma-separated text as RFC 4180 writes it: the gradebook's, the roster's and the exports' one format.</summary>
public static class CsvText
{
    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>One line of fields, ended by a line break.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field)) + "\n";

    /// <summary>The records of <paramref name="text"/>: fields split at commas outside quotes, "" inside quotes a quote.</summary>
    /// <exception cref="FormatException">A quoted field is never closed.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add(fields); }
                    fields = []; field.Clear(); any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (quoted) throw new FormatException("A quoted field is never closed: a \" is missing.");
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add(fields); }
        return records;
    }
}
