using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RnnNotebooks.Runner.Apps;

/// <summary>
/// One code cell of a notebook as it goes into a program: the <c>using</c> directives it needs at the top of
/// the file, its statements (the cell's code, kept as written), the types it declares (which a program puts
/// after its statements) and notes on what changed. <see cref="Translate"/> is the one place where a cell's
/// code is transformed; every rule it applies is listed in the README ("Following the course without a
/// notebook kernel").
/// </summary>
public sealed record CellCode(int Cell, IReadOnlyList<string> Usings, string Statements, IReadOnlyList<string> Types, IReadOnlyList<string> Notes)
{
    /// <summary>The package the course's notebooks load with <c>#r "nuget: RnnNotebooks, *-*"</c>.</summary>
    public const string LibraryPackage = "RnnNotebooks";

    /// <summary>The cell parsed as the notebook kernel compiles it: a C# script.</summary>
    static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>
    /// Translates code cell <paramref name="cell"/> (counting every cell from 1) of the notebook at
    /// <paramref name="notebookPath"/>, in these steps:
    /// <list type="number">
    /// <item>hidden-test regions of exercise checks cells removed: they are the grader's (README, "Classroom");
    /// the visible checks and the solutions stay, so the app runs the whole lesson and shows its PASS lines;</item>
    /// <item>kernel directives, read line by line as the kernel reads them: <c>#r "nuget: RnnNotebooks…"</c>
    /// is dropped (the app's <c>#:project</c> line gives the library); any other <c>#r</c>, <c>#i</c>,
    /// <c>#load</c> and <c>#!</c> magic command is refused;</item>
    /// <item>the rest parsed as a C# script, as the kernel compiles a cell; code that does not parse is refused;</item>
    /// <item><c>using</c> directives taken out, to be hoisted to the top of the file;</item>
    /// <item>type declarations taken out, to go after the program's statements;</item>
    /// <item>a bare last expression, which a notebook displays, wrapped in <c>display(...);</c>.</item>
    /// </list>
    /// </summary>
    /// <exception cref="NotebookAppException">The cell holds something a program cannot take.</exception>
    public static CellCode Translate(string notebookPath, int cell, string source)
    {
        var notes = new List<string>();
        string visible = WithoutHiddenTests(notebookPath, cell, source.ReplaceLineEndings("\n"), notes);
        string code = WithoutKernelDirectives(notebookPath, cell, visible, notes);

        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var error = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
            throw new NotebookAppException(notebookPath, cell,
                $"the code does not parse as C# (line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage()}). Fix the cell so that it runs in the notebook first.");
        if (root.Externs.Count > 0 || root.AttributeLists.Count > 0)
            throw new NotebookAppException(notebookPath, cell,
                "'extern alias' and assembly attributes belong to a project, not to a notebook cell: remove them.");

        var edits = new List<TextChange>();
        var usings = new List<string>();
        foreach (var directive in root.Usings)
        {
            usings.Add(Normalized(directive));
            edits.Add(new TextChange(TextSpan.FromBounds(directive.SpanStart, directive.FullSpan.End), ""));
        }
        if (usings.Count > 0) notes.Add("its using directives are at the top of the file");

        var types = new List<string>();
        foreach (var member in root.Members.Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (member is BaseNamespaceDeclarationSyntax)
                throw new NotebookAppException(notebookPath, cell, "a namespace cannot be declared in a notebook cell or among a program's statements: declare the types without it.");
            types.Add(member.ToFullString().Trim('\n') + "\n");
            edits.Add(new TextChange(member.FullSpan, ""));
        }
        if (types.Count > 0) notes.Add("the types it declares are at the end of the file (a program declares types after its statements)");

        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            edits.Add(new TextChange(new TextSpan(last.Expression.SpanStart, 0), "display("));
            edits.Add(new TextChange(new TextSpan(last.Expression.Span.End, 0), ");"));
            notes.Add("its last expression, which the notebook displays, is passed to display(...)");
        }

        string statements = SourceText.From(code).WithChanges(edits).ToString();
        return new CellCode(cell, usings, TrimBlankLines(statements), types, notes);
    }

    static string WithoutHiddenTests(string notebookPath, int cell, string source, List<string> notes)
    {
        string visible;
        try { visible = Classroom.MarkedRegion.WithoutHiddenTests(source); }
        catch (FormatException e) { throw new NotebookAppException(notebookPath, cell, e.Message); }
        if (visible != source) notes.Add("its hidden tests are left out (they are for grading)");
        return visible;
    }

    /// <summary>Drops the library's <c>#r</c> line and refuses every other kernel directive.</summary>
    static string WithoutKernelDirectives(string notebookPath, int cell, string code, List<string> notes)
    {
        var kept = new StringBuilder();
        foreach (var line in code.Split('\n'))
        {
            string directive = line.Trim();
            if (directive.StartsWith("#!", StringComparison.Ordinal))
                throw new NotebookAppException(notebookPath, cell,
                    $"'{directive}' is a notebook magic command, which only the kernel understands. Replace it with C# " +
                    "(e.g. a Stopwatch for #!time) or move it to a cell of its own that the notebook can do without, and remove it.");
            if (IsDirective(directive, "#i") || IsDirective(directive, "#load"))
                throw new NotebookAppException(notebookPath, cell,
                    $"'{directive}' is a kernel directive a program cannot take. Packages and code reach the apps only through the library: remove the line and use src/RnnNotebooks.");
            if (IsDirective(directive, "#r"))
            {
                if (!ReferencesLibrary(directive))
                    throw new NotebookAppException(notebookPath, cell,
                        $"'{directive}' references something other than the course's library, which the apps cannot load (they reference " +
                        "src/RnnNotebooks through '#:project'). Use what the library and its dependencies provide, or add the package to " +
                        "src/RnnNotebooks (and Directory.Packages.props) and remove this line.");
                notes.Add($"'{directive}' is the '#:project' line at the top of the file");
                continue;
            }
            kept.Append(line).Append('\n');
        }
        return kept.ToString();
    }

    static bool IsDirective(string line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '\t' or '"');

    /// <summary><c>#r "nuget: RnnNotebooks"</c> with any version (or none).</summary>
    static bool ReferencesLibrary(string directive)
    {
        string reference = directive[2..].Trim().Trim('"').Trim();
        if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return false;
        string package = reference["nuget:".Length..].Split(',')[0].Trim();
        return package.Equals(LibraryPackage, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A using directive on one line with single spaces, so that equal directives compare equal.</summary>
    static string Normalized(UsingDirectiveSyntax directive) =>
        string.Join(' ', directive.WithoutTrivia().NormalizeWhitespace().ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static string TrimBlankLines(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0])) lines.RemoveAt(0);
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1])) lines.RemoveAt(lines.Count - 1);
        return string.Join('\n', lines);
    }
}
