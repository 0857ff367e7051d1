using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// A notebook's code cells compiled as the C# kernel runs them: each cell a script submission that sees what the
/// cells before it declared (Roslyn's chained script compilations), against the library and the framework
/// (<see cref="LibraryReferences"/>). Nothing is emitted or run: it gives the compiler's own view of a cell (the
/// semantic model), to say which members its code uses. Kernel directives (<c>#r</c>, <c>#!</c>) are blanked,
/// keeping line numbers.
/// </summary>
public sealed class NotebookCompilation
{
    /// <summary>What the C# kernel imports before the first cell.</summary>
    static readonly string[] KernelUsings =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks", "Microsoft.DotNet.Interactive.Kernel"];

    static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    readonly List<CSharpCompilation> _compilations = [];
    readonly Dictionary<SyntaxTree, int> _cellOf = [];

    /// <param name="cells">The code cells' sources, in notebook order.</param>
    /// <param name="references">The assemblies the cells compile against.</param>
    /// <param name="cancel">Stops the compiler (it binds every cell, to know which ones compile).</param>
    public NotebookCompilation(IReadOnlyList<string> cells, LibraryReferences references, CancellationToken cancel = default)
    {
        Sources = cells;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelUsings,
            nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);
        CSharpCompilation? previous = null;
        for (int i = 0; i < cells.Count; i++)
        {
            var tree = CSharpSyntaxTree.ParseText(WithoutDirectives(cells[i]), Script, path: $"cell-{i + 1}", cancellationToken: cancel);
            var compilation = CSharpCompilation.CreateScriptCompilation($"Cell{i + 1}", tree, references.All, options, previous);
            _compilations.Add(compilation);
            _cellOf[tree] = i;
            // As in the kernel, a cell that does not compile declares nothing: the next one follows the last that did.
            if (!compilation.GetDiagnostics(cancel).Any(d => d.Severity == DiagnosticSeverity.Error)) previous = compilation;
        }
    }

    /// <summary>The cells' sources as given (directives included).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>How many cells there are.</summary>
    public int Count => _compilations.Count;

    /// <summary>The syntax tree of cell <paramref name="index"/> (0-based).</summary>
    public SyntaxTree Tree(int index) => _compilations[index].SyntaxTrees[0];

    /// <summary>The compiler's view of cell <paramref name="index"/>.</summary>
    public SemanticModel Model(int index) => _compilations[index].GetSemanticModel(Tree(index));

    /// <summary>The cell that <paramref name="tree"/> is the code of, or null when it is no cell's (metadata, another compilation).</summary>
    public int? CellOf(SyntaxTree tree) => _cellOf.TryGetValue(tree, out int cell) ? cell : null;

    /// <summary>The compilation of the last cell, which sees every reference and the cells that compiled.</summary>
    public CSharpCompilation Last => _compilations[^1];

    /// <summary>A cell's source with every kernel directive line (<c>#r</c>, <c>#load</c>, <c>#!</c>, <c>#i</c>) blanked.</summary>
    public static string WithoutDirectives(string source)
    {
        var lines = MarkedRegion.LinesOf(source);
        for (int i = 0; i < lines.Count; i++)
            if (IsDirective(lines[i]))
                lines[i] = lines[i].EndsWith('\n') ? "\n" : "";
        return string.Concat(lines);
    }

    /// <summary>True for a line the kernel reads as a directive rather than C#.</summary>
    public static bool IsDirective(string line)
    {
        string code = line.TrimStart();
        return code.StartsWith("#r ", StringComparison.Ordinal) || code.StartsWith("#r\t", StringComparison.Ordinal)
            || code.StartsWith("#!", StringComparison.Ordinal) || code.StartsWith("#i ", StringComparison.Ordinal)
            || code.StartsWith("#load", StringComparison.Ordinal);
    }
}
