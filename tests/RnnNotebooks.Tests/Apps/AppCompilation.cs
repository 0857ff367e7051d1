using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnNotebooks.Runner.Apps;

namespace RnnNotebooks.Tests.Apps;

/// <summary>
/// Compiles an app's source in memory as <c>dotnet run app.cs</c> would (a console program, nullable on,
/// a file-based app's implicit usings), against the library and its dependencies as this test project
/// references them. Seconds for every app, where building each with the SDK takes a minute.
/// </summary>
static class AppCompilation
{
    static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
        .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
        .ToArray());

    /// <summary>The compiler's errors and warnings for <paramref name="appSource"/>, one line each ("line 12: CS0103 ...").</summary>
    public static IReadOnlyList<string> Problems(string appSource, string path = "app.cs")
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(ProgramScope.WithoutSdkDirectives(appSource), options, path);
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path),
            [tree, CSharpSyntaxTree.ParseText(ProgramScope.ImplicitUsings, options)], References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree == tree)
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage()}")
            .ToList();
    }
}
