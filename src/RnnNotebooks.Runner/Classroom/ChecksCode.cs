using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The code of a checks cell as C# (Roslyn's syntax tree of a script). Every check names its expected value
/// <c>expected: …</c>; the copy of a checks cell that runs in a submission's process has those arguments
/// replaced by <c>default!</c>, so that no expected value, and no code computing one, is ever in its reach:
/// it can only give its answers (README, "Classroom", threat model).
/// </summary>
public static class ChecksCode
{
    /// <summary>The name of the argument that holds a check's expected value.</summary>
    public const string ExpectedArgument = "expected";

    /// <summary>The name of the argument that names the solution regions a check covers.</summary>
    public const string PartArgument = "part";

    static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary><paramref name="source"/> with every <c>expected:</c> argument replaced by <c>default!</c>.</summary>
    public static string WithoutExpected(string source)
    {
        var root = Parse(source);
        var expected = root.DescendantNodes().OfType<ArgumentSyntax>().Where(IsExpected).ToList();
        return root.ReplaceNodes(expected, (original, _) =>
            original.WithExpression(SyntaxFactory.ParseExpression("default!").WithTriviaFrom(original.Expression))).ToFullString();
    }

    /// <summary>
    /// The checks in <paramref name="source"/> (calls of <c>Check.Something(…)</c>) that do not pass their
    /// expected value as <c>expected:</c>, each as its line number and code.
    /// </summary>
    public static IReadOnlyList<(int Line, string Code)> ChecksWithoutExpected(string source) =>
        [.. CheckCalls(source)
            .Where(call => !call.ArgumentList.Arguments.Any(IsExpected))
            .Select(call => (call.GetLocation().GetLineSpan().StartLinePosition.Line + 1, call.ToString().Split('\n')[0].Trim()))];

    /// <summary>
    /// Every check in <paramref name="source"/> with its line number, its code and its <c>part:</c> argument: null when
    /// it has none, the string when it is a string literal, and <paramref name="notLiteral"/> otherwise.
    /// </summary>
    public static IReadOnlyList<(int Line, string Code, string? Part)> ChecksWithParts(string source, string notLiteral) =>
        [.. CheckCalls(source).Select(call =>
        {
            var part = call.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == PartArgument);
            string? value = part is null ? null
                : part.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : notLiteral;
            return (call.GetLocation().GetLineSpan().StartLinePosition.Line + 1, call.ToString().Split('\n')[0].Trim(), value);
        })];

    static IEnumerable<InvocationExpressionSyntax> CheckCalls(string source) => Parse(source).DescendantNodes().OfType<InvocationExpressionSyntax>()
        .Where(call => call.Expression is MemberAccessExpressionSyntax { Expression: var target } && RightmostName(target) == "Check");

    static SyntaxNode Parse(string source) => CSharpSyntaxTree.ParseText(source, Script).GetRoot();

    static bool IsExpected(ArgumentSyntax argument) => argument.NameColon?.Name.Identifier.ValueText == ExpectedArgument;

    static string? RightmostName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };
}
