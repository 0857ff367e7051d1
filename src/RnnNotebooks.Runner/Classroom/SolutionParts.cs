namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// Partial credit (README, "Classroom"): each solution region of an exercise earns its points when every check
/// that covers it passes. A region of an exercise with several is labelled on its marker
/// (<c>// BEGIN SOLUTION loss (2 points)</c>) and each check names the regions it covers
/// (<c>part: "loss"</c>, or <c>part: "loss, perplexity"</c>); in an exercise with one region every check covers
/// it and no label is needed.
/// </summary>
public static class SolutionParts
{
    /// <summary>Separates the labels of a check that covers several regions.</summary>
    public const char Separator = ',';

    /// <summary>The regions of <paramref name="exercise"/> that a check with <paramref name="part"/> covers (null: all of them).</summary>
    /// <exception cref="FormatException">The part names a label the exercise does not have.</exception>
    public static IReadOnlyList<MarkedRegion> Covered(Exercise exercise, string? part)
    {
        if (part is null) return exercise.Solutions;
        var labels = part.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length == 0)
            throw new FormatException($"part: \"{part}\" names no region. Name the labels of the regions the check tests ({Labels(exercise)}).");
        return [.. labels.Select(label => exercise.Solutions.FirstOrDefault(r => r.Label == label)
            ?? throw new FormatException($"part: \"{part}\" names \"{label}\", which is not a label of Exercise {exercise.Label}'s solution regions ({Labels(exercise)}).")).Distinct()];
    }

    /// <summary>
    /// Why the labels of an exercise cell's regions are wrong (null: they are right): several regions each need
    /// a label of their own.
    /// </summary>
    public static string? LabelProblem(IReadOnlyList<MarkedRegion> solutions)
    {
        if (solutions.Count < 2) return null;
        if (solutions.FirstOrDefault(r => r.Label is null) is { } unlabelled)
            return $"has {solutions.Count} solution regions, and the one on line {unlabelled.Begin + 1} has no label. Label each region of an exercise with several, " +
                   $"\"// BEGIN SOLUTION loss ({unlabelled.Points} point{(unlabelled.Points == 1 ? "" : "s")})\", so that its checks can name it with part: \"loss\".";
        if (solutions.GroupBy(r => r.Label).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"has two solution regions labelled \"{twice.Key}\" (lines {string.Join(" and ", twice.Select(r => r.Begin + 1))}). Give each region its own label.";
        return null;
    }

    /// <summary>
    /// Why the checks cell's source does not tie every region of <paramref name="exercise"/> to a check (null: it
    /// does): a check's part is a string literal of known labels, every check of an exercise with several regions
    /// names its part, and every region is covered by at least one check.
    /// </summary>
    public static string? CoverageProblem(Exercise exercise, string checksSource)
    {
        const string notLiteral = "\0";
        var checks = ChecksCode.ChecksWithParts(checksSource, notLiteral);
        var covered = new HashSet<MarkedRegion>();
        foreach (var (line, code, part) in checks)
        {
            if (part == notLiteral)
                return $"line {line} passes {ChecksCode.PartArgument}: as something other than a string literal ({code}). Write the labels in the check itself, part: \"loss\", so that a reader (and make-exercises) sees which region it decides.";
            if (part is null && exercise.Solutions.Count > 1)
                return $"line {line} ({code}) does not say which solution region it checks. Exercise {exercise.Label} has {exercise.Solutions.Count} regions ({Labels(exercise)}): " +
                       $"add part: \"{exercise.Solutions[0].Label}\" (or several, part: \"{string.Join(", ", exercise.Solutions.Select(r => r.Label))}\").";
            try { covered.UnionWith(Covered(exercise, part)); }
            catch (FormatException e) { return $"line {line}: {e.Message}"; }
        }
        if (exercise.Solutions.FirstOrDefault(r => !covered.Contains(r)) is { } uncovered)
            return $"no check covers the solution region {uncovered.Name} of Exercise {exercise.Label} (line {uncovered.Begin + 1} of its cell, {uncovered.Points} point{(uncovered.Points == 1 ? "" : "s")}): " +
                   $"its points could never be earned. Add a check with part: \"{uncovered.Label}\" that tests it.";
        return null;
    }

    static string Labels(Exercise exercise) => string.Join(", ", exercise.Solutions.Select(r => r.Label is { } l ? $"\"{l}\"" : "an unlabelled region"));
}
