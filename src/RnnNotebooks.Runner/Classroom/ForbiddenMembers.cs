using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// What an exercise's solution may not use (README, "Classroom"): the library members its cell declares
/// (<see cref="ForbiddenName"/>), and, in every exercise, the ways around a rule the grader could not see through:
/// reflection, <c>dynamic</c>, native and unsafe code, the kernel's own API (which runs code from a string) and
/// kernel directives. Decided on the compiler's symbols, not on the text: a submission's cells are compiled as the
/// kernel runs them (<see cref="NotebookCompilation"/>), so an alias, a <c>using static</c>, a fully qualified name,
/// an extension-method call, a method group or a lambda all resolve to the member they use.
/// </summary>
/// <remarks>
/// The learner's code of an exercise is its whole exercise cell (the student version has no markers: the learner
/// writes where the stub was), and, followed from it, every declaration it uses from a cell the learner wrote or
/// changed. Cells as the student version has them are the teacher's, and so are the checks cells.
/// </remarks>
public static class ForbiddenMembers
{
    /// <summary>How long the analysis of one submission may take before it counts as a violation.</summary>
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>Namespaces whose every member is refused: reflection, native interop, assembly loading, the compiler and the kernel (code from strings).</summary>
    static readonly string[] RefusedNamespaces =
        ["System.Reflection", "System.Runtime.InteropServices", "System.Runtime.Loader", "Microsoft.CodeAnalysis", "Microsoft.DotNet.Interactive"];

    /// <summary>Members of those namespaces a cell may use: the kernel's display helpers (not its Root, which runs code) and the formatting.</summary>
    static readonly string[] AllowedInRefused =
    [
        "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.DisplayedValue", "Microsoft.DotNet.Interactive.Kernel.display",
        "Microsoft.DotNet.Interactive.Kernel.HTML", "Microsoft.DotNet.Interactive.Kernel.CSS", "Microsoft.DotNet.Interactive.Kernel.Javascript",
    ];

    /// <summary>Reflection outside System.Reflection: these types' members, and the listed members.</summary>
    static readonly string[] RefusedTypes = ["System.Activator", "System.AppDomain", "System.Runtime.CompilerServices.Unsafe"];

    static readonly string[] RefusedMembers =
        ["System.Delegate.CreateDelegate", "System.Delegate.DynamicInvoke", "System.Delegate.Method", "System.Type.InvokeMember", "System.Type.TypeHandle"];

    static readonly SymbolDisplayFormat Qualified = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    /// <summary>
    /// The first violation in each exercise of a graded copy (null for an exercise with none), by exercise.
    /// </summary>
    /// <param name="course">The course notebook's exercises and their forbidden names.</param>
    /// <param name="graded">The graded copy (the submission with the teacher's checks cells).</param>
    /// <param name="references">What the cells compile against.</param>
    public static IReadOnlyDictionary<Exercise, string> Find(ExerciseSheet course, NotebookDocument graded, LibraryReferences references)
    {
        var violations = new Dictionary<Exercise, string>();
        var cells = graded.CodeCells;
        var ids = cells.Select(c => (string?)c["id"]).ToList();
        var teacher = TeacherCells(course);
        var hiddenIds = course.Exercises.Select(GradedCopy.HiddenCellId).ToHashSet(StringComparer.Ordinal);
        // A cell as the learner sees it: hidden-test cells exist only in the graded copy.
        var shown = new int[cells.Count];
        for (int i = 0, n = 0; i < cells.Count; i++) shown[i] = ids[i] is { } id && hiddenIds.Contains(id) ? Math.Max(n, 1) : ++n;
        bool IsLearners(int cell) => ids[cell] is not { } id
            || !(teacher.TryGetValue(id, out var source) && Normalized(NotebookDocument.SourceOf(cells[cell])) == source);

        using var budget = new CancellationTokenSource(Budget);
        NotebookCompilation? compilation = null;
        foreach (var exercise in course.Exercises)
        {
            var roots = Enumerable.Range(0, cells.Count).Where(i => ids[i] == exercise.CellId).ToList();
            if (roots.Count == 0) continue;
            string Where(int cell, int line) => ids[cell] == exercise.CellId ? $"line {line} of the exercise cell (cell {shown[cell]})" : $"line {line} of cell {shown[cell]}";
            try
            {
                compilation ??= new NotebookCompilation([.. cells.Select(NotebookDocument.SourceOf)], references, budget.Token);
                if (Analyse(exercise, compilation, roots, IsLearners, Where, budget.Token) is { } violation)
                    violations[exercise] = violation;
            }
            catch (OperationCanceledException)
            {
                violations[exercise] = $"Exercise {exercise.Label}: the grader could not analyse the notebook's code within {Budget.TotalSeconds:0} s to check what it uses. Hand in a smaller notebook.";
            }
            // Code the compiler cannot take apart (nested too deeply, say) could hide anything: it counts as a violation.
            catch (Exception e) when (e is InsufficientExecutionStackException or InvalidOperationException or ArgumentException)
            {
                violations[exercise] = $"Exercise {exercise.Label}: the grader could not analyse the notebook's code to check what it uses ({e.GetType().Name}). Simplify the code of the exercise.";
            }
        }
        return violations;
    }

    /// <summary>The declared names that name nothing in the references (a type, or a member of one), one sentence each.</summary>
    public static IReadOnlyList<string> Unresolved(ExerciseSheet course, LibraryReferences references)
    {
        var forbidden = course.Exercises.SelectMany(e => e.Forbidden.Select(f => (Exercise: e, f.Name))).ToList();
        if (forbidden.Count == 0) return [];
        var compilation = new NotebookCompilation([""], references).Last;
        return [.. forbidden.Where(f => !Resolves(compilation, f.Name))
            .Select(f => $"Exercise {f.Exercise.Label} forbids {f.Name}, which is no type or member of the library or the framework: write its full name (namespace, type, member).")];
    }

    /// <summary>
    /// Checks a course notebook's rules before any submission is graded: every forbidden name names a member, and
    /// the course's own exercise cells (solutions and all) break none of them, or every honest submission would.
    /// </summary>
    /// <exception cref="InvalidOperationException">The notebook cannot be graded; the message names the exercise and the fix.</exception>
    public static void CheckCourse(ExerciseSheet course, LibraryReferences references)
    {
        string name = Path.GetFileName(course.Notebook.Path);
        if (Unresolved(course, references).FirstOrDefault() is { } unresolved)
            throw new InvalidOperationException($"The course notebook {name} cannot be graded: {unresolved}");
        var own = Find(course, GradedCopy.Create(course.Notebook, course, course.Notebook.Path).Notebook, references);
        if (own.OrderBy(v => v.Key.Number).FirstOrDefault() is { Key: not null } broken)
            throw new InvalidOperationException($"The course notebook {name} cannot be graded: its own solution breaks its rules. {broken.Value} " +
                                                "Change the solution, or the exercise's \"// Forbidden:\" line.");
    }

    /// <summary>
    /// Scores every exercise with a violation 0, with the violation as its message; one that scored 0 anyway keeps
    /// its first reason, and the violation follows it.
    /// </summary>
    public static IReadOnlyList<ExerciseResult> Apply(IReadOnlyList<ExerciseResult> results, IReadOnlyDictionary<Exercise, string> violations) =>
        [.. results.Select(r => !violations.TryGetValue(r.Exercise, out var why) ? r
            : r.Points > 0 ? new ExerciseResult(r.Exercise, 0, why, r.FailedChecks)
            : r with { Message = $"{r.Message} Also: {why}", Feedback = r.Feedback is null ? null : $"{r.Feedback} Also: {why}" })];

    static bool Resolves(CSharpCompilation compilation, string name)
    {
        if (compilation.GetTypeByMetadataName(name) is not null) return true;
        int dot = name.LastIndexOf('.');
        return compilation.GetTypeByMetadataName(name[..dot]) is { } type && type.GetMembers(name[(dot + 1)..]).Length > 0;
    }

    /// <summary>The cells of the student version by id (normalized source), which are the teacher's; exercise cells are the learner's.</summary>
    static Dictionary<string, string> TeacherCells(ExerciseSheet course)
    {
        var exerciseCells = course.Exercises.Select(e => e.CellId).ToHashSet(StringComparer.Ordinal);
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cell in StudentVersion.Create(course, "teacher.ipynb").CodeCells)
            if ((string?)cell["id"] is { } id && !exerciseCells.Contains(id)) cells.TryAdd(id, Normalized(NotebookDocument.SourceOf(cell)));
        foreach (var exercise in course.Exercises) cells[exercise.ChecksCellId] = ""; // replaced by the teacher's in the graded copy
        return cells;
    }

    static string Normalized(string source) => source.Replace("\r\n", "\n").TrimEnd();

    /// <summary>The first violation in the learner's code of one exercise, or null.</summary>
    static string? Analyse(Exercise exercise, NotebookCompilation compilation, IReadOnlyList<int> roots, Func<int, bool> isLearners,
        Func<int, int, string> where, CancellationToken cancel)
    {
        foreach (int root in roots)
        {
            var lines = MarkedRegion.LinesOf(compilation.Sources[root]);
            for (int i = 0; i < lines.Count; i++)
                if (NotebookCompilation.IsDirective(lines[i]))
                    return $"Exercise {exercise.Label} may not load code with a kernel directive ({Directive(lines[i])}, {where(root, i + 1)}): the grader could not see what it runs. Remove it.";
        }
        var forbidden = exercise.Forbidden.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        // The type's name, and the member's if the name is a member's.
        var simpleNames = exercise.Forbidden.SelectMany(f => f.Name.Split('.').TakeLast(compilation.Last.GetTypeByMetadataName(f.Name) is null ? 2 : 1))
            .ToHashSet(StringComparer.Ordinal);
        var queue = new Queue<(int Cell, SyntaxNode Node)>(roots.Select(r => (r, compilation.Tree(r).GetRoot(cancel))));
        var seen = new HashSet<SyntaxNode>();
        while (queue.Count > 0)
        {
            var (cell, top) = queue.Dequeue();
            if (!seen.Add(top)) continue;
            var model = compilation.Model(cell);
            foreach (var node in top.DescendantNodesAndSelf())
            {
                cancel.ThrowIfCancellationRequested();
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                if (Unsafe(node) is { } construct)
                    return $"Exercise {exercise.Label} may not use native or unsafe code ({construct}, {where(cell, line)}): the grader could not see what it calls.";
                foreach (var symbol in Symbols(model, node, cancel))
                {
                    if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic } || symbol is ILocalSymbol { Type.TypeKind: TypeKind.Dynamic })
                        return $"Exercise {exercise.Label} may not use dynamic ({where(cell, line)}): the grader could not see what it calls. Give the value its type.";
                    var used = Definition(symbol);
                    if (ForbiddenOne(used, forbidden) is { } name)
                        return $"Exercise {exercise.Label} may not use {name}, which does what the exercise asks you to write: {where(cell, line)} uses {Describe(used)}. Write it yourself.";
                    if (Refused(used) is { } what)
                        return $"Exercise {exercise.Label} may not use {what} ({Describe(used)}, {where(cell, line)}): the grader could not see what it calls. Call what you need directly.";
                    // Declarations the learner's code uses, from cells the learner wrote or changed, are the learner's code too.
                    foreach (var declaration in used.DeclaringSyntaxReferences)
                        if (compilation.CellOf(declaration.SyntaxTree) is int declaredIn && isLearners(declaredIn) && !roots.Contains(declaredIn)
                            && !seen.Any(s => s.SyntaxTree == declaration.SyntaxTree && s.FullSpan.Contains(declaration.Span)))
                            queue.Enqueue((declaredIn, declaration.GetSyntax(cancel)));
                }
                // A name the compiler cannot resolve here may still resolve in the kernel: one spelt like a forbidden member counts as it.
                if (node is SimpleNameSyntax simple && simpleNames.Contains(simple.Identifier.ValueText)
                    && model.GetSymbolInfo(simple, cancel) is { Symbol: null, CandidateSymbols.Length: 0 })
                    return $"Exercise {exercise.Label} may not use {exercise.Forbidden.First(f => f.Name.Split('.').Contains(simple.Identifier.ValueText)).Name}: " +
                           $"{where(cell, line)} names {simple.Identifier.ValueText}, which the grader takes for it. Write it yourself.";
            }
        }
        return null;
    }

    /// <summary>The symbols a node uses: what its name, call, operator or indexer binds to, and the type of its value.</summary>
    static IEnumerable<ISymbol> Symbols(SemanticModel model, SyntaxNode node, CancellationToken cancel)
    {
        if (node is SimpleNameSyntax or InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or BinaryExpressionSyntax
            or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or ElementAccessExpressionSyntax or AssignmentExpressionSyntax
            or CastExpressionSyntax or AttributeSyntax)
        {
            var info = model.GetSymbolInfo(node, cancel);
            if (info.Symbol is { } symbol) yield return symbol;
            foreach (var candidate in info.CandidateSymbols) yield return candidate;
        }
        if (node is ExpressionSyntax expression)
        {
            var type = model.GetTypeInfo(expression, cancel);
            if (type.Type is { } t) yield return t;
            if (type.ConvertedType is { } converted) yield return converted;
        }
        if (node is ForEachStatementSyntax loop && model.GetForEachStatementInfo(loop) is { GetEnumeratorMethod: { } enumerator })
            yield return enumerator;
    }

    /// <summary>The member as declared: an extension method's static form, a generic's definition.</summary>
    static ISymbol Definition(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { ReducedFrom: { } reduced }) symbol = reduced;
        return symbol.OriginalDefinition;
    }

    /// <summary>The declared name <paramref name="symbol"/> falls under: itself, its type or a type containing it.</summary>
    static string? ForbiddenOne(ISymbol symbol, HashSet<string> forbidden)
    {
        if (forbidden.Count == 0) return null;
        if (symbol is not INamedTypeSymbol && symbol.ContainingType is { } owner && forbidden.Contains($"{owner.ToDisplayString(Qualified)}.{symbol.Name}"))
            return $"{owner.ToDisplayString(Qualified)}.{symbol.Name}";
        for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type is not null; type = type.ContainingType)
            if (forbidden.Contains(type.ToDisplayString(Qualified))) return type.ToDisplayString(Qualified);
        if (symbol is IArrayTypeSymbol array) return ForbiddenOne(array.ElementType, forbidden);
        return null;
    }

    /// <summary>What of the always-refused ways around the rules <paramref name="symbol"/> is, or null.</summary>
    static string? Refused(ISymbol symbol)
    {
        // A type's name alone does nothing (Kernel.display names Kernel); its members and constructors do.
        if (symbol is INamespaceSymbol or ITypeSymbol) return null;
        string full = symbol is INamedTypeSymbol named ? named.ToDisplayString(Qualified)
            : symbol.ContainingType is { } owner ? $"{owner.ToDisplayString(Qualified)}.{symbol.Name}" : symbol.Name;
        string space = (symbol as INamedTypeSymbol ?? symbol.ContainingType)?.ContainingNamespace?.ToDisplayString() ?? "";
        if (AllowedInRefused.Any(a => full == a || full.StartsWith(a + ".", StringComparison.Ordinal))) return null;
        if (RefusedNamespaces.Any(n => space == n || space.StartsWith(n + ".", StringComparison.Ordinal)))
            return space.StartsWith("System.Reflection", StringComparison.Ordinal) ? "reflection"
                : space.StartsWith("System.Runtime.InteropServices", StringComparison.Ordinal) ? "native calls"
                : space.StartsWith("Microsoft.", StringComparison.Ordinal) ? "the compiler or the kernel (which run code given as text)" : "assembly loading";
        if (RefusedTypes.Any(t => full == t || full.StartsWith(t + ".", StringComparison.Ordinal)) || RefusedMembers.Contains(full))
            return "reflection";
        // Type's lookups by name (GetMethod, GetType("…"), GetProperty, …) are reflection; typeof and Name are not.
        if (symbol.ContainingType?.ToDisplayString(Qualified) == "System.Type" && symbol.Name.StartsWith("Get", StringComparison.Ordinal))
            return "reflection";
        return null;
    }

    /// <summary>Native or unsafe constructs, which reach code the compiler does not see: a description, or null.</summary>
    static string? Unsafe(SyntaxNode node) => node switch
    {
        FunctionPointerTypeSyntax => "a function pointer",
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression } => "an address-of (&)",
        UnsafeStatementSyntax => "an unsafe block",
        MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.ExternKeyword) => "an extern method",
        MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword) => "an unsafe member",
        LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.ExternKeyword) || local.Modifiers.Any(SyntaxKind.UnsafeKeyword) => "an extern or unsafe local function",
        _ => null,
    };

    /// <summary>The directive's keyword (#r, #load, #!…), not the rest of the submission's line.</summary>
    static string Directive(string line)
    {
        string keyword = line.TrimStart().Split(' ', '\t', '"')[0];
        return keyword.Length <= 12 && keyword.All(c => c == '#' || c == '!' || char.IsAsciiLetter(c)) ? keyword : "#…";
    }

    static string Describe(ISymbol symbol) => symbol is INamedTypeSymbol type ? type.ToDisplayString(Qualified)
        : symbol.ContainingType is { } owner ? $"{owner.ToDisplayString(Qualified)}.{symbol.Name}" : symbol.Name;
}
