using System.Text.RegularExpressions;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// A library member an exercise's solution may not use, as its exercise cell declares it on a comment line outside
/// the solution regions, which the student version keeps so the learner reads it too:
/// <c>// Forbidden: RnnNotebooks.Text.Softmax, RnnNotebooks.Training.GradientClipping.ClipByGlobalNorm</c>.
/// A type's name forbids the type and all its members; a member's name forbids every overload of it.
/// </summary>
/// <param name="Name">The fully qualified name (namespace, type, and the member if any).</param>
/// <param name="Line">The 0-based line of the exercise cell that declares it.</param>
public sealed partial record ForbiddenName(string Name, int Line)
{
    /// <summary>The start of the declaring line.</summary>
    public const string Marker = "// Forbidden:";

    /// <summary>The names declared in an exercise cell's <paramref name="lines"/>.</summary>
    /// <exception cref="FormatException">A declaration is malformed or inside a solution region; the message says how to fix it.</exception>
    public static IReadOnlyList<ForbiddenName> Declared(IReadOnlyList<string> lines, IReadOnlyList<MarkedRegion> solutions)
    {
        var names = new List<ForbiddenName>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (!Loose().IsMatch(line)) continue;
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
                throw new FormatException($"line {i + 1} is not exactly a declaration of forbidden members: write it as the whole line \"{Marker} RnnNotebooks.Text.Softmax, …\".");
            if (solutions.Any(r => i >= r.Begin && i <= r.End))
                throw new FormatException($"line {i + 1} declares forbidden members inside a solution region, which the student version replaces. Move it above the region, so the learner reads it.");
            var declared = line[Marker.Length..].Split(',', StringSplitOptions.TrimEntries);
            foreach (var name in declared)
            {
                if (!QualifiedName().IsMatch(name))
                    throw new FormatException($"line {i + 1} forbids \"{name}\", which is not a fully qualified name. Name a type or a member with its namespace, e.g. RnnNotebooks.Text.Softmax or RnnNotebooks.Text.Softmax.Probabilities, separated by commas.");
                names.Add(new ForbiddenName(name, i));
            }
        }
        return names;
    }

    /// <summary>Anything that looks meant as a declaration, so that a typo is an error rather than silently ignored.</summary>
    [GeneratedRegex(@"^//\s*(forbidden|forbid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Loose();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex QualifiedName();
}
