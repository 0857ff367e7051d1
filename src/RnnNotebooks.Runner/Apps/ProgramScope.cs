using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnNotebooks.Runner.Apps;

/// <summary>
/// The one way a notebook's cells, each fine on its own, can fail together as a program: names. A notebook
/// lets a later cell declare a variable, function or type again (the new one hides the old); a program's
/// top-level statements are one scope, where each name is declared once, and a name declared at the top
/// level cannot be declared again inside a block either. The C# compiler decides, on the generated program
/// with only the framework referenced: these name errors do not depend on the library's types.
/// </summary>
public static class ProgramScope
{
    /// <summary>The compiler's name-clash errors, and what each means for a notebook.</summary>
    static readonly Dictionary<string, string> Clashes = new()
    {
        ["CS0128"] = "declares '{0}', which {1} already declares. A notebook lets a later cell declare a name again; a program is one scope, where each name is declared once. Rename one of them, or assign to the existing variable without declaring it again.",
        ["CS0136"] = "declares '{0}' inside a block, and {1} declares '{0}' at the top level. In a program a top-level name is visible in every block, so the two clash: rename one of them.",
        ["CS0101"] = "declares the type '{0}', which {1} already declares. A program declares each type once: rename one of them or remove the earlier one.",
        ["CS0111"] = "declares the member '{0}' twice in one type: rename one of them.",
        ["CS1931"] = "uses '{0}' as a query's range variable, and {1} declares '{0}' at the top level, which a program does not allow: rename the range variable.",
        ["CS0412"] = "uses '{0}' as a type parameter, and {1} declares '{0}' at the top level: rename the type parameter.",
    };

    // The core library alone: name clashes need no other types, and each reference costs time to load.
    static readonly Lazy<MetadataReference[]> Framework = new(() => [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

    /// <summary>The implicit usings of a .NET 10 file-based app, as a source file.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>
    /// Fails with the first name clash in <paramref name="program"/>, naming the notebook cells involved
    /// (<paramref name="cellOfLine"/> maps a 0-based line of the program to its cell, 0 for the app's own lines).
    /// </summary>
    /// <exception cref="NotebookAppException">Two declarations of one name clash.</exception>
    public static void Check(string notebookPath, string program, Func<int, int> cellOfLine)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(WithoutSdkDirectives(program), options);
        var compilation = CSharpCompilation.Create("app",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, options)],
            Framework.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var clash = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && Clashes.ContainsKey(d.Id) && d.Location.SourceTree == tree)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .FirstOrDefault();
        if (clash is null) return;

        var root = tree.GetRoot();
        var token = root.FindToken(clash.Location.SourceSpan.Start);
        string name = token.ValueText;
        int line = clash.Location.GetLineSpan().StartLinePosition.Line;
        int cell = cellOfLine(line);
        var other = root.DescendantTokens()
            .Where(t => t.ValueText == name && t.SpanStart != token.SpanStart && Declares(t))
            .Select(t => cellOfLine(t.GetLocation().GetLineSpan().StartLinePosition.Line))
            .FirstOrDefault(-1);
        string where = other switch
        {
            0 => $"the app itself (its '{name}' helper)",
            -1 => "another cell",
            _ when other == cell => "the same cell",
            _ => $"cell {other}",
        };
        throw new NotebookAppException(notebookPath, cell, string.Format(Clashes[clash.Id], name, where));
    }

    /// <summary>An app's source with its <c>#:</c> lines (for the SDK, not the compiler) commented out, so line numbers stay.</summary>
    public static string WithoutSdkDirectives(string app) =>
        string.Join('\n', app.Split('\n').Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "//" + l[2..] : l));

    /// <summary>Whether the token is the name a declaration declares.</summary>
    static bool Declares(SyntaxToken token) => token.Parent switch
    {
        VariableDeclaratorSyntax v => v.Identifier == token,
        LocalFunctionStatementSyntax f => f.Identifier == token,
        SingleVariableDesignationSyntax d => d.Identifier == token,
        ForEachStatementSyntax e => e.Identifier == token,
        CatchDeclarationSyntax c => c.Identifier == token,
        ParameterSyntax p => p.Identifier == token,
        BaseTypeDeclarationSyntax t => t.Identifier == token,
        DelegateDeclarationSyntax d => d.Identifier == token,
        MethodDeclarationSyntax m => m.Identifier == token,
        QueryClauseSyntax or FromClauseSyntax or JoinClauseSyntax or LetClauseSyntax or QueryContinuationSyntax => true,
        TypeParameterSyntax p => p.Identifier == token,
        _ => false,
    };
}
