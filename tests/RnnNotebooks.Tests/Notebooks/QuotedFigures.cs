using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>
/// The prose's figures tied to the run. A figure the text quotes about the seeded run is followed by a hidden
/// marker naming the code cell that prints it: <c>114.6&lt;!-- figure: clipping-run --&gt;</c>. The marker is an
/// HTML comment, so Jupyter, the site and the search index show plain "114.6". <c>~</c> before the id
/// (<c>&lt;!-- figure: ~timing --&gt;</c>) marks a machine-dependent figure, checked to its order of magnitude.
/// Every other number in the prose (outside maths and code) must be a constant the notebook declares: the
/// cell's metadata <c>"constants"</c> lists them (hyperparameters, dates, citation years, counts of the text's
/// own making), so a reader of the notebook's JSON sees each one beside the cell that states it.
/// </summary>
public static partial class QuotedFigures
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Each marked figure whose named cell does not print it, as a message naming notebook, cell, quoted and printed values.</summary>
    public static IEnumerable<string> Drifts(string notebook, JsonNode executed)
    {
        var cells = executed["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        for (int i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]["cell_type"] != "markdown") continue;
            foreach (Match m in Marker().Matches(Source(cells[i])))
            {
                string quoted = m.Groups["value"].Value, id = m.Groups["cell"].Value;
                bool loose = m.Groups["loose"].Success;
                int target = cells.FindIndex(c => (string?)c["id"] == id);
                string where = $"{notebook}, markdown cell {Id(cells[i])} (cell {i + 1})";
                if (target < 0) { yield return $"{where} quotes {quoted} from cell '{id}', which does not exist"; continue; }
                var printed = Numbers(OutputText(cells[target])).ToList();
                double q = Value(quoted);
                bool found = loose
                    ? printed.Any(p => Value(p) > 0 && q > 0 && Math.Abs(Math.Log10(Value(p)) - Math.Log10(q)) < 1)
                    : printed.Any(p => Same(quoted, p));
                if (!found)
                    yield return $"{where} quotes {quoted}{(loose ? " (to an order of magnitude)" : "")}, but cell '{id}' (cell {target + 1}) printed "
                        + (printed.Count == 0 ? "no numbers" : string.Join(", ", printed.Take(40)));
            }
        }
    }

    /// <summary>Each number in the prose that is neither a marked figure nor a declared constant.</summary>
    public static IEnumerable<string> UncheckedNumbers(string notebook, JsonNode document)
    {
        var cells = document["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        for (int i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]["cell_type"] != "markdown") continue;
            var constants = (cells[i]["metadata"]?["constants"]?.AsArray() ?? []).Select(c => (string?)c).ToHashSet();
            string prose = Marker().Replace(Source(cells[i]), " ");
            prose = NotProse().Replace(prose, " ");
            foreach (Match m in Number().Matches(prose))
                if (!constants.Contains(m.Value))
                    yield return $"{notebook}, markdown cell {Id(cells[i])} (cell {i + 1}): {m.Value} in \"…{Around(prose, m)}…\" is neither a checked figure nor a declared constant";
        }
    }

    static string Around(string text, Match m) =>
        text[Math.Max(0, m.Index - 30)..Math.Min(text.Length, m.Index + m.Length + 30)].ReplaceLineEndings(" ");

    static string Id(JsonObject cell) => (string?)cell["id"] ?? "(no id)";

    static string Source(JsonObject cell) => FixtureNotebook.Lines(cell["source"]);

    /// <summary>What a code cell printed: standard output, and the plain text of its results (for a result shown
    /// only as HTML, such as a displayed table, the text a reader sees in it).</summary>
    static string OutputText(JsonObject cell) => string.Join("\n", (cell["outputs"]?.AsArray() ?? [])
        .Select(o => o!["text"] is { } text ? FixtureNotebook.Lines(text)
                   : o["data"]?["text/plain"] is { } plain ? FixtureNotebook.Lines(plain)
                   : o["data"]?["text/html"] is { } html ? VisibleText(FixtureNotebook.Lines(html)) : ""));

    /// <summary>The text an HTML result shows: scripts and styles (a chart's data, say) dropped, tags removed, entities decoded.</summary>
    static string VisibleText(string html) =>
        System.Net.WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " "));

    static IEnumerable<string> Numbers(string text) => Number().Matches(text).Select(m => m.Value);

    static double Value(string number)
    {
        var (mantissa, exponent) = Scientific(number);
        return double.Parse(mantissa.Replace(",", ""), NumberStyles.Float, Invariant) * Math.Pow(10, exponent);
    }

    /// <summary>A figure quoted as the prose writes powers of ten, 1.4·10⁻¹⁰, split into "1.4" and -10 (any other number: itself and 0).</summary>
    static (string Mantissa, int Exponent) Scientific(string number)
    {
        int dot = number.IndexOf("·10", StringComparison.Ordinal);
        if (dot < 0) return (number, 0);
        string power = number[(dot + 3)..];
        int exponent = power.TrimStart('⁻').Aggregate(0, (e, digit) => 10 * e + Superscripts.IndexOf(digit));
        return (number[..dot], power.StartsWith('⁻') ? -exponent : exponent);
    }

    const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>A quoted figure matches a printed one when it is the printed value rounded to the quoted digits
    /// (and, for a printed number without an exponent, has as many digits before the point: 9.6 is not quoted as 10).</summary>
    static bool Same(string quoted, string printed)
    {
        var (mantissa, exponent) = Scientific(quoted);
        int digits = mantissa.Contains('.') ? mantissa.Length - mantissa.IndexOf('.') - 1 : 0;
        return Math.Round(Value(printed) / Math.Pow(10, exponent), digits, MidpointRounding.AwayFromZero) == Value(mantissa)
            && (exponent != 0 || printed.IndexOfAny(['e', 'E']) >= 0
                || printed.Replace(",", "").Split('.')[0].TrimStart('-').Length == quoted.Replace(",", "").Split('.')[0].TrimStart('-').Length);
    }

    /// <summary>A figure (a power of ten written 1.4·10⁻¹⁰) and its hidden marker.</summary>
    [GeneratedRegex(@"(?<value>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:·10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?)%?\s*<!--\s*figure:\s*(?<loose>~)?(?<cell>[\w-]+)\s*-->")]
    private static partial Regex Marker();

    /// <summary>Maths, code, HTML comments, link targets and identifiers with digits: none of it is prose.</summary>
    [GeneratedRegex(@"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|<!--.*?-->|\]\([^)]*\)|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex NotProse();

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>A number standing alone (not part of a word such as LSTM2 or h_1).</summary>
    [GeneratedRegex(@"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w])")]
    private static partial Regex Number();
}
