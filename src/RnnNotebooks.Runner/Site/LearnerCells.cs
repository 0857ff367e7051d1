using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Classroom;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// What the learner's edition shows of an exercise's two code cells. The exercise cell shows the student
/// version's code (each solution replaced by the line the learner replaces) and keeps the solution, with the
/// cell's outputs, for a collapsed control. The checks cell shows its code without the hidden tests and only the
/// outputs of its visible checks: hidden tests end the cell, so its outputs are kept up to the first check
/// result whose checked expression is not in the visible code.
/// </summary>
public static partial class LearnerCells
{
    /// <summary>How one code cell is shown: its visible code, its shown outputs and, for an exercise, its solution.</summary>
    public sealed record CellView(string Code, IReadOnlyList<JsonObject> Outputs, string? Solution, IReadOnlyList<JsonObject> SolutionOutputs);

    /// <summary>The exercises of an executed notebook by cell id, or none when it has no (well-formed) exercises.</summary>
    public static IReadOnlyDictionary<string, Exercise> ExercisesByCell(Execution.NotebookDocument notebook)
    {
        try
        {
            return ExerciseSheet.Parse(notebook).Exercises
                .SelectMany(e => new[] { (Id: e.CellId, Exercise: e), (Id: e.ChecksCellId, Exercise: e) })
                .ToDictionary(x => x.Id, x => x.Exercise, StringComparer.Ordinal);
        }
        catch (ExerciseFormatException)
        {
            return new Dictionary<string, Exercise>();
        }
    }

    /// <summary>The learner's view of <paramref name="cell"/>; cells that are not part of an exercise are shown whole.</summary>
    public static CellView View(JsonObject cell, string source, IReadOnlyList<JsonObject> outputs, IReadOnlyDictionary<string, Exercise> exercises)
    {
        if ((string?)cell["id"] is not { } id || !exercises.TryGetValue(id, out var exercise))
            return new CellView(source, outputs, null, []);
        if (id == exercise.CellId)
            return new CellView(StudentVersion.WithStubs(source, exercise), [], source, outputs);
        string visible = MarkedRegion.WithoutHiddenTests(source);
        return new CellView(visible, VisibleCheckOutputs(visible, outputs), null, []);
    }

    static IReadOnlyList<JsonObject> VisibleCheckOutputs(string visibleCode, IReadOnlyList<JsonObject> outputs)
    {
        var shown = new List<JsonObject>();
        foreach (var output in outputs)
        {
            if (output["data"]?["text/html"] is { } html && Text(html).Contains("class=\"rnn-check ", StringComparison.Ordinal))
            {
                var check = CheckedExpression().Match(Text(html));
                if (!check.Success || !visibleCode.Contains(WebUtility.HtmlDecode(check.Groups["code"].Value), StringComparison.Ordinal))
                    break;
            }
            shown.Add(output);
        }
        return shown;
    }

    static string Text(JsonNode node) => node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";

    /// <summary>A check result (Display/CheckFormatter) and the expression it checked.</summary>
    [GeneratedRegex("""^<div class="rnn-check [^>]*><strong[^>]*>[^<]*</strong> <code>(?<code>[^<]*)</code>""", RegexOptions.Singleline)]
    private static partial Regex CheckedExpression();
}
