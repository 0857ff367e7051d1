using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

public class TextWindowsTests
{
    static readonly int[] Ids = Enumerable.Range(0, 23).ToArray();   // id = position, so windows are easy to read

    [Fact]
    public void Truncated_windows_split_the_text_into_streams_and_each_column_continues_the_previous_window()
    {
        // 23 ids in 2 streams of 11 (positions 0–10 and 11–21; id 22 is left over), 10 predictable positions each.
        var windows = TextWindows.Cut(Ids, windowLength: 3, batchSize: 2);

        Assert.Equal(3, windows.Count);                       // 3 full windows of 3; the last position is dropped
        Assert.All(windows, w => Assert.Equal((3, 2, 6), (w.Length, w.BatchSize, w.Characters)));
        Assert.Equal([0, 11], windows[0].Inputs[0]);
        Assert.Equal([3, 14], windows[1].Inputs[0]);          // window 2 starts where window 1 ended, per column
        Assert.Equal([6, 17], windows[1].Targets[2]);
        foreach (var w in windows)
            for (int t = 0; t < w.Length; t++)
                for (int b = 0; b < 2; b++)
                    Assert.Equal(w.Inputs[t][b] + 1, w.Targets[t][b]);   // the target is the next character
    }

    [Fact]
    public void Full_bptt_is_one_window_over_each_whole_stream()
    {
        var full = TextWindows.Whole(Ids, batchSize: 2);
        Assert.Equal(10, full.Length);
        Assert.Equal([0, 11], full.Inputs[0]);
        Assert.Equal([10, 21], full.Targets[9]);
        var longest = TextWindows.Cut(Ids, windowLength: 10, batchSize: 2);
        Assert.Single(longest);
        Assert.Equal(full.Inputs, longest[0].Inputs);
    }

    [Fact]
    public void Truncated_bptt_carries_the_state_forward_but_each_window_starts_its_own_backward_pass()
    {
        const string text = "abcabdabcabdabcabdabcabdabcabdabcabd";
        var vocabulary = new Vocabulary(text);
        var windows = TextWindows.Cut(text, vocabulary, windowLength: 5, batchSize: 2);
        var model = new CharLanguageModel(vocabulary, CellKind.Gru, hiddenSize: 6, seed: 3);

        Assert.Null(model.State);
        model.ComputeGradients(windows[0]);
        var carried = model.State!;
        var carriedCopy = carried.Select(s => s.Copy()).ToArray();
        var second = model.ComputeGradients(windows[1]);
        var gradients = model.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        // The same as a backward pass of window 2 alone from the carried state, held fixed...
        var alone = model.ComputeGradients(windows[1], carriedCopy);
        Assert.Equal(second.Loss, alone.Loss);
        for (int k = 0; k < gradients.Length; k++)
            Assert.Equal(gradients[k], model.Parameters[k].Gradient);
        // ...and the carried state matters: from zeros the loss is different.
        Assert.NotEqual(second.Loss, model.Loss(windows[1], null));

        model.ResetState();
        Assert.Null(model.State);
    }
}
