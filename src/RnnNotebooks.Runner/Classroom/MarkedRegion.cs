using System.Text.RegularExpressions;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>The two kinds of region a course notebook marks in its code cells.</summary>
public enum RegionKind
{
    /// <summary><c>// BEGIN SOLUTION (P points)</c> … <c>// END SOLUTION</c>, in an exercise cell.</summary>
    Solution,
    /// <summary><c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c>, in a checks cell.</summary>
    HiddenTests,
}

/// <summary>
/// A marked region of a cell's source: the lines from its BEGIN marker to its END marker, both
/// included (0-based line numbers), with the BEGIN marker's indentation and, for a solution, its points and
/// its label (<c>// BEGIN SOLUTION loss (2 points)</c>: the name its checks give as <c>part: "loss"</c>), if it has one.
/// </summary>
public sealed partial record MarkedRegion(RegionKind Kind, int Begin, int End, string Indent, int Points, string? Label = null)
{
    /// <summary>How the region is named in messages: its label, or its lines.</summary>
    public string Name => Label is { } label ? $"\"{label}\"" : $"lines {Begin + 1}–{End + 1}";

    /// <summary>
    /// The regions of one kind in <paramref name="lines"/>. Any marker-like line that is not exactly a
    /// marker (a typo, missing points), a marker of the other kind, a nested or unbalanced marker is an
    /// error, reported as a sentence that says how to fix it.
    /// </summary>
    /// <exception cref="FormatException">The markers are malformed; the message is the problem and its fix.</exception>
    public static IReadOnlyList<MarkedRegion> FindAll(IReadOnlyList<string> lines, RegionKind kind)
    {
        var regions = new List<MarkedRegion>();
        int? openAt = null;
        string indent = "";
        int points = 0;
        string? label = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd('\r', '\n');
            var loose = LooseMarker().Match(line);
            if (!loose.Success) continue;
            int lineNumber = i + 1;
            bool isSolution = loose.Groups["kind"].Value.StartsWith("S", StringComparison.OrdinalIgnoreCase);
            var markerKind = isSolution ? RegionKind.Solution : RegionKind.HiddenTests;
            if (markerKind != kind)
                throw new FormatException(kind == RegionKind.Solution
                    ? $"line {lineNumber} has a hidden-tests marker, but hidden tests belong in the exercise's checks cell. Move the region there."
                    : $"line {lineNumber} has a solution marker, but solutions belong in the exercise cell. Move the region there.");
            bool begin = loose.Groups["edge"].Value.Equals("BEGIN", StringComparison.OrdinalIgnoreCase);
            if (begin)
            {
                if (openAt is int open)
                    throw new FormatException($"line {lineNumber} opens a region inside the one opened on line {open + 1}; regions are never nested. Close the first with {EndMarker(kind)} before.");
                var exact = (kind == RegionKind.Solution ? BeginSolution() : BeginHiddenTests()).Match(line);
                if (!exact.Success)
                    throw new FormatException(kind == RegionKind.Solution
                        ? $"line {lineNumber} is not a solution marker with points: write it as the whole line \"// BEGIN SOLUTION (2 points)\" (or \"(1 point)\"), with a label before the points where the exercise has several regions (\"// BEGIN SOLUTION loss (2 points)\")."
                        : $"line {lineNumber} is not exactly a hidden-tests marker: write it as the whole line \"// BEGIN HIDDEN TESTS\".");
                points = 0;
                if (kind == RegionKind.Solution && (!int.TryParse(exact.Groups["points"].Value, out points) || points <= 0))
                    throw new FormatException($"line {lineNumber} gives {exact.Groups["points"].Value} points; a region is worth a positive whole number of points.");
                openAt = i;
                indent = exact.Groups["indent"].Value;
                label = exact.Groups["label"].Success ? exact.Groups["label"].Value : null;
            }
            else
            {
                if (openAt is not int open)
                    throw new FormatException($"line {lineNumber} closes a region that was never opened. Add the BEGIN marker before it, or remove it.");
                if (line.Trim() != EndMarker(kind))
                    throw new FormatException($"line {lineNumber} is not exactly an END marker: write it as the whole line \"{EndMarker(kind)}\".");
                regions.Add(new MarkedRegion(kind, open, i, indent, points, label));
                openAt = null;
            }
        }
        if (openAt is int unclosed)
            throw new FormatException($"the region opened on line {unclosed + 1} is never closed. Add {EndMarker(kind)} after its last line.");
        return regions;
    }

    /// <summary>True when any line looks like a marker of either kind.</summary>
    public static bool AnyMarker(IEnumerable<string> lines) => lines.Any(l => LooseMarker().IsMatch(l.TrimEnd('\r', '\n')));

    /// <summary>A source split into lines, each keeping its line ending (the last may have none).</summary>
    public static List<string> LinesOf(string source)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < source.Length; i++)
            if (source[i] == '\n') { lines.Add(source[start..(i + 1)]); start = i + 1; }
        if (start < source.Length) lines.Add(source[start..]);
        return lines;
    }

    /// <summary>
    /// <paramref name="source"/> without its hidden-test regions (markers included): what a learner may
    /// see of a checks cell (student versions, the apps). A source without hidden-test markers comes back unchanged.
    /// </summary>
    /// <exception cref="FormatException">The hidden-test markers are malformed.</exception>
    public static string WithoutHiddenTests(string source)
    {
        var lines = LinesOf(source);
        if (!lines.Any(l => LooseMarker().Match(l) is { Success: true } m && m.Groups["kind"].Value.StartsWith("H", StringComparison.OrdinalIgnoreCase)))
            return source;
        foreach (var region in FindAll(lines, RegionKind.HiddenTests).OrderByDescending(r => r.Begin))
        {
            bool endsCell = !lines[region.End].EndsWith('\n');
            lines.RemoveRange(region.Begin, region.End - region.Begin + 1);
            if (endsCell && region.Begin > 0)
                lines[region.Begin - 1] = lines[region.Begin - 1].TrimEnd('\r', '\n'); // the removed region ended the cell
        }
        return string.Concat(lines);
    }

    static string EndMarker(RegionKind kind) => kind == RegionKind.Solution ? "// END SOLUTION" : "// END HIDDEN TESTS";

    /// <summary>Anything that looks meant as a marker, however misspelt, so that a typo is an error rather than silently ignored.</summary>
    [GeneratedRegex(@"^\s*//\s*(?<edge>BEGIN|END)\s+(?<kind>SOLUTIONS?|HIDDEN[\s_-]*TESTS?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooseMarker();

    [GeneratedRegex(@"^(?<indent>[ \t]*)// BEGIN SOLUTION (?:(?<label>[A-Za-z][A-Za-z0-9_-]*) )?\((?<points>-?\d+) points?\)\s*$")]
    private static partial Regex BeginSolution();

    [GeneratedRegex(@"^(?<indent>[ \t]*)// BEGIN HIDDEN TESTS\s*$")]
    private static partial Regex BeginHiddenTests();
}
