using System.Text.RegularExpressions;

namespace RnnNotebooks.Tests.Notebooks;

/// <summary>notebooks/10-image-captioning.ipynb as the course runs it (issue 6: captions beat the most-frequent-caption baseline).</summary>
[Collection(CourseCollection.Name)]
public sealed partial class ImageCaptioningNotebookTests(CourseRunFixture course)
{
    const string Name = "10-image-captioning";

    /// <summary>The margin, in percentage points, the notebook's prose promises (it prints 74% against 1%).</summary>
    const int StatedMargin = 30;

    string[] StandardOutputLines() => course.StandardOutputLines(Name);

    [GeneratedRegex(@"^Held-out exact match: model (\d+)%, most-frequent-caption baseline (\d+)%$")]
    private static partial Regex ExactMatchLine();

    [Fact]
    public void It_shows_at_least_one_chart()
    {
        Assert.NotEmpty(course.Charts(Name));
    }

    [Fact]
    public void Its_captions_beat_the_most_frequent_caption_baseline_by_the_stated_margin()
    {
        var lines = StandardOutputLines();
        var match = lines.Select(l => ExactMatchLine().Match(l)).SingleOrDefault(m => m.Success);
        Assert.True(match is not null, "no line 'Held-out exact match: model X%, most-frequent-caption baseline Y%' in the output:\n" + string.Join('\n', lines));
        int model = int.Parse(match!.Groups[1].Value), baseline = int.Parse(match.Groups[2].Value);
        Assert.True(model - baseline >= StatedMargin, $"the model's held-out exact match ({model}%) beats the baseline ({baseline}%) by less than {StatedMargin} points");
    }

    [Fact]
    public void It_prints_per_word_accuracy()
    {
        Assert.Contains(StandardOutputLines(), l => l.StartsWith("Held-out per-word accuracy: model ", StringComparison.Ordinal));
    }
}
