using RnnNotebooks.Display.Pages;
using RnnNotebooks.Runner.Site;

namespace RnnNotebooks.Tests.Runner;

public class MarkdownRenderingTests
{
    [Theory]
    [InlineData("Before\n$$\na = b\n$$\nafter")]
    [InlineData("Inline $$a =\nb$$ in a paragraph")]
    [InlineData("$$h_t = \\tanh(W h_{t-1}\n + U x_t)$$")]
    public void Display_maths_becomes_one_maths_element_holding_the_whole_equation(string markdown)
    {
        string html = MarkdownRendering.ToHtml(markdown);

        Assert.DoesNotContain("$$", html);
        Assert.Matches(@"<div class=""math"">", html);
    }

    [Fact]
    public void Inline_and_single_line_display_maths_stay_in_their_paragraph()
    {
        string html = MarkdownRendering.ToHtml("Let $x$ be\n$$y = 2x$$\nand $z$ too.");

        Assert.StartsWith("<p>", html);
        Assert.Contains("<span class=\"math\">x</span>", html);
        Assert.Contains("<span class=\"math math-display\">y = 2x</span>", html);
    }

    [Fact]
    public void Two_fenced_blocks_in_a_row_are_left_alone()
    {
        string html = MarkdownRendering.ToHtml("$$\na\n$$\ntext\n$$\nb\n$$");

        Assert.Equal(2, html.Split("<div class=\"math\">").Length - 1);
        Assert.Contains("<p>text</p>", html);
    }
}
