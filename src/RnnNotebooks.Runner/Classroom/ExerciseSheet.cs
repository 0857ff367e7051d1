using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The exercises of one course notebook, read from its cells as the README's "Classroom" section lays them out, with every
/// rule checked: ids match headers and the notebook's number, exercises are numbered 1, 2, … in
/// order, markers are balanced and never nested, each solution region carries points, each exercise
/// cell is followed by its checks cell, which has a visible check and is locked against editing.
/// </summary>
public sealed partial class ExerciseSheet
{
    ExerciseSheet(NotebookDocument notebook, int? number, IReadOnlyList<Exercise> exercises, IReadOnlySet<string> skippedCellIds)
    {
        Notebook = notebook;
        Number = number;
        Exercises = exercises;
        SkippedCellIds = skippedCellIds;
    }

    /// <summary>The course notebook (the teacher's version, with solutions).</summary>
    public NotebookDocument Notebook { get; }

    /// <summary>N: the number its file name starts with ("04-…" is 4), or null when it has none.</summary>
    public int? Number { get; }

    /// <summary>The exercises in notebook order.</summary>
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The ids of the cells tagged <see cref="UngradedCells.Tag"/>, which grading does not run.</summary>
    public IReadOnlySet<string> SkippedCellIds { get; }

    /// <summary>The most points the notebook's exercises give.</summary>
    public int MaxPoints => Exercises.Sum(e => e.Points);

    /// <summary>Reads a course notebook and its exercises.</summary>
    /// <exception cref="NotebookFormatException">The file is not a notebook.</exception>
    /// <exception cref="ExerciseFormatException">Its exercises break the contract; the message names the cell and the fix.</exception>
    public static ExerciseSheet Load(string path) => Parse(NotebookDocument.Load(path));

    /// <summary>Reads the exercises of a loaded notebook.</summary>
    /// <exception cref="ExerciseFormatException">Its exercises break the contract; the message names the cell and the fix.</exception>
    public static ExerciseSheet Parse(NotebookDocument notebook)
    {
        var leading = NotebookNumber().Match(notebook.Name);
        int? number = leading.Success ? int.Parse(leading.Groups[1].Value) : null;
        var cells = notebook.Cells;
        var exercises = new List<Exercise>();
        var checksCells = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            string? id = (string?)cell["id"];
            if (id is not null && !seenIds.Add(id) && id.StartsWith("exercise-", StringComparison.Ordinal))
                throw Error(notebook, id, "two cells have this id. Give each exercise its own number, and its checks cell the id exercise-N-M-checks.");
            if (UngradedCells.IsTagged(cell))
            {
                if (id is null)
                    throw Error(notebook, $"{i + 1} (no id)", $"is tagged {UngradedCells.Tag} but has no id, so the grader cannot find it in a submission. Give the cell an id (cell metadata \"id\" in the .ipynb).");
                if (ExerciseId().IsMatch(id) || ChecksId().IsMatch(id))
                    throw Error(notebook, id, $"is tagged {UngradedCells.Tag}, but exercise and checks cells are what grading runs. Remove the tag.");
                skipped.Add(id);
            }
            if (!NotebookDocument.IsCode(cell))
            {
                if (id is not null && (ExerciseId().IsMatch(id) || ChecksId().IsMatch(id)))
                    throw Error(notebook, id, "is not a code cell. Exercise and checks cells are C# code cells.");
                continue;
            }
            var lines = MarkedRegion.LinesOf(NotebookDocument.SourceOf(cell));
            string header = lines.Count > 0 ? lines[0].Trim() : "";

            if (id is not null && ExerciseId().Match(id) is { Success: true } exerciseId)
            {
                var exercise = ParseExercise(notebook, number, cell, id, exerciseId, lines, header, exercises.Count + 1);
                var checks = NextCodeCell(cells, i);
                if (checks is null || (string?)checks["id"] != exercise.ChecksCellId)
                    throw Error(notebook, id, $"the next code cell must be its checks cell, with the id {exercise.ChecksCellId} and first line \"// Checks for Exercise {exercise.Label}\" " +
                                              $"(found {(checks is null ? "no code cell" : $"the cell {(string?)checks["id"] ?? "without an id"}")}). Add or move the checks cell directly after the exercise (prose may be between).");
                exercises.Add(exercise with { HiddenTests = ParseChecks(notebook, checks, exercise) });
                checksCells.Add(exercise.ChecksCellId);
            }
            else if (id is not null && ChecksId().IsMatch(id))
            {
                if (!checksCells.Contains(id))
                    throw Error(notebook, id, $"is a checks cell with no exercise cell before it. Put it directly after the cell {id[..^"-checks".Length]}, or rename it.");
            }
            else if (MarkedRegion.AnyMarker(lines) || ExerciseHeader().IsMatch(header) || header.StartsWith("// Checks for Exercise", StringComparison.Ordinal))
            {
                throw Error(notebook, id ?? $"{i + 1} (no id)",
                    "has exercise markup but is not an exercise cell. An exercise cell has the id exercise-N-M and starts with \"// Exercise N.M: <title>\"; " +
                    "its checks cell has the id exercise-N-M-checks. Set the cell's id (cell metadata \"id\" in the .ipynb) or remove the markers.");
            }
        }
        return new ExerciseSheet(notebook, number, exercises, skipped);
    }

    static Exercise ParseExercise(NotebookDocument notebook, int? number, JsonObject cell, string id, Match idMatch,
        IReadOnlyList<string> lines, string header, int expectedNumber)
    {
        int n = int.Parse(idMatch.Groups["n"].Value), m = int.Parse(idMatch.Groups["m"].Value);
        if (number is null)
            throw Error(notebook, id, "is an exercise, but the notebook's file name does not start with its number. Name course notebooks NN-name.ipynb (e.g. 04-backpropagation-through-time.ipynb).");
        if (n != number)
            throw Error(notebook, id, $"says notebook {n}, but this is notebook {number}. Rename the cell exercise-{number}-{m} (and its header and checks cell to match).");
        if (m != expectedNumber)
            throw Error(notebook, id, $"is exercise {n}.{m}, but the exercises before it make it number {expectedNumber}. Number a notebook's exercises 1, 2, 3, … in order, each number once.");
        var headerMatch = ExerciseHeader().Match(header);
        if (!headerMatch.Success || headerMatch.Groups["title"].Value.Trim().Length == 0)
            throw Error(notebook, id, $"must start with the line \"// Exercise {n}.{m}: <title>\" (a sentence saying what to write); it starts with \"{Shorten(header)}\".");
        if (headerMatch.Groups["n"].Value != n.ToString() || headerMatch.Groups["m"].Value != m.ToString())
            throw Error(notebook, id, $"its header says Exercise {headerMatch.Groups["n"].Value}.{headerMatch.Groups["m"].Value} but its id says {n}.{m}. Make them agree.");

        IReadOnlyList<MarkedRegion> solutions;
        try { solutions = MarkedRegion.FindAll(lines, RegionKind.Solution); }
        catch (FormatException e) { throw Error(notebook, id, e.Message); }
        if (solutions.Count == 0)
            throw Error(notebook, id, "has no solution region. Mark the code the learner writes with \"// BEGIN SOLUTION (2 points)\" … \"// END SOLUTION\", each a whole line.");
        if (SolutionParts.LabelProblem(solutions) is { } unlabelled)
            throw Error(notebook, id, unlabelled);
        IReadOnlyList<ForbiddenName> forbidden;
        try { forbidden = ForbiddenName.Declared(lines, solutions); }
        catch (FormatException e) { throw Error(notebook, id, e.Message); }
        return new Exercise(n, m, headerMatch.Groups["title"].Value.Trim(), solutions.Sum(r => r.Points), solutions, []) { Forbidden = forbidden };
    }

    static IReadOnlyList<MarkedRegion> ParseChecks(NotebookDocument notebook, JsonObject cell, Exercise exercise)
    {
        string id = exercise.ChecksCellId;
        var lines = MarkedRegion.LinesOf(NotebookDocument.SourceOf(cell));
        string expectedHeader = $"// Checks for Exercise {exercise.Label}";
        if (lines.Count == 0 || lines[0].Trim() != expectedHeader)
            throw Error(notebook, id, $"must start with the line \"{expectedHeader}\"; it starts with \"{Shorten(lines.Count > 0 ? lines[0].Trim() : "")}\".");
        IReadOnlyList<MarkedRegion> hidden;
        try { hidden = MarkedRegion.FindAll(lines, RegionKind.HiddenTests); }
        catch (FormatException e) { throw Error(notebook, id, e.Message); }
        bool visibleCheck = lines.Where((_, i) => !hidden.Any(r => i >= r.Begin && i <= r.End))
            .Any(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && CheckCall().IsMatch(l));
        if (!visibleCheck)
            throw Error(notebook, id, "has no visible check. Call at least one RnnNotebooks.Classroom.Check method (Check.Close, Check.Equal, Check.Satisfies, Check.Gradient) outside the hidden-tests regions, so the learner sees what is checked.");
        if (hidden.Count > 0 && lines.Skip(hidden[^1].End + 1).Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            throw Error(notebook, id, "has code after its last hidden-tests region. The grader runs the hidden tests as a cell of their own after the visible checks: put the hidden tests last.");
        if (hidden.Count > 1)
            throw Error(notebook, id, "has more than one hidden-tests region. Put all hidden tests in one region at the end of the cell.");
        foreach (var (line, code) in ChecksCode.ChecksWithoutExpected(NotebookDocument.SourceOf(cell)))
            throw Error(notebook, id, $"line {line} calls {code} without its expected value as \"{ChecksCode.ExpectedArgument}: () => …\". " +
                                      "Pass the learner's answer first and the expected value as expected: () => … (the grader computes it in a run of the course alone).");
        if (SolutionParts.CoverageProblem(exercise, NotebookDocument.SourceOf(cell)) is { } uncovered)
            throw Error(notebook, id, uncovered);
        var metadata = cell["metadata"] as JsonObject;
        if ((bool?)(metadata?["editable"] as JsonValue) != false || (bool?)(metadata?["deletable"] as JsonValue) != false)
            throw Error(notebook, id, "must be locked: add \"editable\": false and \"deletable\": false to the cell's metadata.");
        return hidden;
    }

    static JsonObject? NextCodeCell(IReadOnlyList<JsonObject> cells, int after) =>
        cells.Skip(after + 1).FirstOrDefault(NotebookDocument.IsCode);

    static ExerciseFormatException Error(NotebookDocument notebook, string cellId, string problem) => new(notebook.Path, cellId, problem);

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^(\d+)-")]
    private static partial Regex NotebookNumber();

    [GeneratedRegex(@"^exercise-(?<n>\d+)-(?<m>\d+)$")]
    private static partial Regex ExerciseId();

    [GeneratedRegex(@"^exercise-\d+-\d+-checks$")]
    private static partial Regex ChecksId();

    [GeneratedRegex(@"^//\s*Exercise\s+(?<n>\d+)\.(?<m>\d+)\s*:(?<title>.*)$")]
    private static partial Regex ExerciseHeader();

    [GeneratedRegex(@"\bCheck\s*\.\s*[A-Z]\w*\s*\(")]
    private static partial Regex CheckCall();
}
