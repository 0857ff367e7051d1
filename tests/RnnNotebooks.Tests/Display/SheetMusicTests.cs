using System.Text.RegularExpressions;
using RnnNotebooks.Display;
using RnnNotebooks.Display.Pages;
using RnnNotebooks.Music;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Display;

/// <summary>
/// Tunes are drawn as sheet music with no network: abcjs travels inline (once per session in notebook outputs,
/// once in the head of a lesson page), and in headless Chromium every tune's box ends up holding an SVG staff.
/// </summary>
[Collection(PlotlyJsSession.Name)]
public sealed class SheetMusicTests : IDisposable
{
    readonly string _folder = FixtureNotebook.TemporaryFolder("sheet-music");

    public SheetMusicTests()
    {
        AbcJs.EmbedOncePerSession = true;
        AbcJs.ResetSession();
    }

    public void Dispose()
    {
        AbcJs.ResetSession();
        FixtureNotebook.Delete(_folder);
    }

    static readonly string[] Tunes =
    [
        "X:1\nT:Smash the Windows\nM:6/8\nL:1/8\nK:D\n|:DED F2A|d2f ecA|G2B F2A|E2F GFE:|",
        "X:2\nT:A reel\nM:4/4\nL:1/8\nK:G\nGABc dedB|dedB dedB|c2ec B2dB|c2A2 A2BA|",
        "X:3\nT:</script><b>not a tag</b>\nM:3/4\nL:1/4\nK:C\nC D E|F G A|",
    ];

    static int Count(string html, string pattern) => Regex.Matches(html, pattern).Count;

    string Page(string name, string html)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, html);
        return path;
    }

    [SkippableFact]
    public void Tune_outputs_carry_abcjs_once_in_the_first_and_each_draws_a_staff_offline()
    {
        var outputs = Tunes.Select(t => TuneFormatter.ToHtml(new AbcTune(t))).ToList();
        Assert.Equal([1, 0, 0], outputs.Select(o => Count(o, "data-abcjs=")));

        var shown = HeadlessChromium.Render(HeadlessChromium.Require(),
            Page("outputs.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + string.Join("\n", outputs) + "</body></html>"));

        Assert.Equal("", shown.Errors);
        Assert.Equal((3, 3), (shown.SheetMusic, shown.Staves));
    }

    [SkippableFact]
    public void A_lesson_page_keeps_one_copy_of_abcjs_in_its_head_and_draws_every_staff()
    {
        string body = string.Concat(Tunes.Select((t, i) => LessonPage.CodeCell(i + 1, LessonPage.Prompt(i + 1), "display(tune);",
            [TuneFormatter.ToHtml(new AbcTune(t))])));
        string html = LessonPage.Render("Tunes", LessonPage.Head(body), body);
        Assert.Equal(1, Count(html, "data-abcjs="));
        Assert.True(html.IndexOf("data-abcjs=", StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));
        Assert.Equal(0, Count(LessonPage.Head("<p>no tune</p>"), "data-abcjs="));

        var shown = HeadlessChromium.Render(HeadlessChromium.Require(), Page("lesson.html", html));

        Assert.Equal("", shown.Errors);
        Assert.Equal((3, 3), (shown.SheetMusic, shown.Staves));
    }

    [Fact]
    public void The_tune_text_cannot_close_the_script_and_without_abcjs_the_box_says_why()
    {
        string html = SheetMusic.ToHtml(Tunes[2]);
        Assert.DoesNotContain("</script><b>", html);
        Assert.Equal(2, Count(html, "</script>"));   // abcjs (the session's first) and the drawing script
        Assert.Contains("The staff needs abcjs", SheetMusic.ToHtml(Tunes[0]));
        Assert.Equal(0, Count(SheetMusic.ToHtml(Tunes[0]), "data-abcjs="));
    }
}
