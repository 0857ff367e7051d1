using RnnNotebooks.Display.Pages;
using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// Every formula in the course's prose must reach the page as maths: a <c>$</c> left in the rendered text,
/// or a raw <c>\command</c>, means Markdig did not see the formula (a space before the closing <c>$</c>,
/// inline maths broken across a line) and the learner reads LaTeX source instead.
/// </summary>
public partial class CourseProseMathTests
{
    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(Path.Combine(RnnNotebooks.Runner.Feed.RepositoryRoot.Find(), "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_formula_is_left_untypeset_in_the_rendered_prose(string notebook)
    {
        var document = NotebookDocument.Load(Path.Combine(RnnNotebooks.Runner.Feed.RepositoryRoot.Find(), "notebooks", notebook));
        var leftovers = new List<string>();
        foreach (var cell in document.Cells.Where(c => (string?)c["cell_type"] == "markdown"))
        {
            string text = Text(MarkdownRendering.ToHtml(NotebookDocument.SourceOf(cell)));
            foreach (Match m in Leftover().Matches(text))
                leftovers.Add($"cell {(string?)cell["id"]}: …{text[Math.Max(0, m.Index - 40)..Math.Min(text.Length, m.Index + 40)]}…");
        }
        Assert.True(leftovers.Count == 0, $"{notebook}: formulas that are not typeset:\n{string.Join("\n", leftovers)}");
    }

    [Theory]
    [InlineData("The sum $a + $ b.")]
    [InlineData("A formula $a +\nb$ across lines.")]
    [InlineData("Raw \\alpha in prose.")]
    public void The_check_finds_the_mistakes_it_is_for(string markdown) =>
        Assert.Matches(Leftover(), Text(MarkdownRendering.ToHtml(markdown)));

    [Fact]
    public void Typeset_maths_code_and_money_in_code_pass() =>
        Assert.DoesNotMatch(Leftover(), Text(MarkdownRendering.ToHtml("Let $x$ be\n$$y = \\tanh(x)$$\nand `$\"{x}\"` and `\\n`.")));

    /// <summary>The page's text outside maths and code, tags removed.</summary>
    static string Text(string html) => Tag().Replace(MathOrCode().Replace(html, " "), " ");

    [GeneratedRegex(@"<(span|div) class=""math[^""]*"">.*?</\1>|<code>.*?</code>|<pre>.*?</pre>", RegexOptions.Singleline)]
    private static partial Regex MathOrCode();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>A dollar sign, or a backslash command such as \alpha.</summary>
    [GeneratedRegex(@"\$|\\[A-Za-z]+")]
    private static partial Regex Leftover();
}
