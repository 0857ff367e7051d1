using System.Text.RegularExpressions;
using RnnNotebooks.Tests.Runner;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>notebooks/11-attention.ipynb as the course runs it (issue 21): the bottleneck measured and removed,
/// the alignment shown, the gradient checks passed, the self-attention comparison printed.</summary>
[Collection(CourseCollection.Name)]
public sealed partial class AttentionNotebookTests(CourseRunFixture course)
{
    const string Name = "11-attention";

    /// <summary>The gap, in percentage points at the longest trained length, that the notebook's prose promises.</summary>
    const int StatedGap = 30;

    string[] StandardOutputLines() => course.StandardOutputLines(Name);

    Match Line(Regex pattern)
    {
        var lines = StandardOutputLines();
        var match = lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success);
        Assert.True(match is not null, $"{Name} printed no line matching /{pattern}/. It printed:\n{string.Join('\n', lines)}");
        return match!;
    }

    [GeneratedRegex(@"^At length (\d+): exact match without attention (\d+)%, with attention (\d+)%$")]
    private static partial Regex LongestLengthLine();

    [GeneratedRegex(@"^(Self-attention block|LSTM with attention|LSTM without attention): exact match at length (\d+) (\d+)%, mean over lengths \d+–\d+ (\d+)%, ([\d,]+) parameters, ([\d.]+) ms per training step$")]
    private static partial Regex SummaryLine();

    [Fact]
    public void At_the_longest_length_attention_is_at_least_the_stated_gap_above_the_plain_encoder_decoder()
    {
        var m = Line(LongestLengthLine());
        int without = int.Parse(m.Groups[2].Value), with = int.Parse(m.Groups[3].Value);
        Assert.True(with - without >= StatedGap,
            $"at length {m.Groups[1].Value} exact match with attention is {with}% and without {without}%: expected at least {StatedGap} points apart");
    }

    [Fact]
    public void The_gradient_checks_of_attention_pass_and_the_library_agrees_with_the_notebook()
    {
        Line(ScratchCheckLine());
        Line(AgreementLine());
    }

    [GeneratedRegex(@"^Gradient check, additive attention from scratch: PASS$")]
    private static partial Regex ScratchCheckLine();

    [GeneratedRegex(@"^Library against the notebook: largest difference \S+ \(weights, context, dL/ds, dL/dh_i\); agree: True$")]
    private static partial Regex AgreementLine();

    [Fact]
    public void It_shows_the_attention_weights_as_a_heatmap()
    {
        var heatmaps = course.Charts(Name).Select(o => FixtureNotebook.Lines(o["data"]!["text/html"]))
            .Where(html => html.Contains("\"heatmap\"", StringComparison.Ordinal) && html.Contains("Attention while reversing", StringComparison.Ordinal));
        Assert.NotEmpty(heatmaps);
    }

    [Fact]
    public void The_self_attention_comparison_prints_both_models_figures()
    {
        var models = StandardOutputLines().Select(l => SummaryLine().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(models.SetEquals(["Self-attention block", "LSTM with attention", "LSTM without attention"]),
            $"the comparison printed a summary for {string.Join(", ", models)}; expected the self-attention block and both LSTMs");
    }

    [Fact]
    public void Beam_search_is_measured_against_greedy_decoding()
    {
        Line(BeamLine());
    }

    [GeneratedRegex(@"^Without attention, mean exact match over lengths \d+–\d+: greedy [\d.]+%, beam [\d.]+%$")]
    private static partial Regex BeamLine();
}
