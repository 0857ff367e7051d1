using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Gradient checks of the whole character language model (input, recurrent layers, softmax and
/// cross-entropy) on a truncated-BPTT window whose carried-in state comes from the window before and
/// is held fixed, as truncated BPTT treats it.
/// </summary>
public class LanguageModelGradientCheckTests(ITestOutputHelper output)
{
    const string Text = "the quick brown fox jumps over the lazy dog; the dog sleeps.";

    [Theory]
    [InlineData(CellKind.Rnn, 1, null)]
    [InlineData(CellKind.Rnn, 2, 3)]
    [InlineData(CellKind.Lstm, 1, null)]
    [InlineData(CellKind.Lstm, 2, null)]
    [InlineData(CellKind.Lstm, 1, 4)]
    [InlineData(CellKind.Gru, 2, null)]
    [InlineData(CellKind.Gru, 1, 3)]
    public void Language_model_backward_on_a_truncated_window_matches_finite_differences(CellKind cell, int layers, int? embedding)
    {
        var vocabulary = new Vocabulary(Text);
        var model = new CharLanguageModel(vocabulary, cell, hiddenSize: 5, layers: layers, embeddingSize: embedding, seed: 11);
        var windows = TextWindows.Cut(Text, vocabulary, windowLength: 6, batchSize: 3);

        model.ComputeGradients(windows[0]);             // carries its final state into model.State
        var carried = model.State!;
        var result = model.ComputeGradients(windows[1], carried);

        // ε = 1e-4 rather than 1e-5: the loss is a mean over 18 characters, so the small gradients of a
        // deep layer's reset/forget weights sit near the round-off noise of a 1e-5 difference (≈3e-7
        // relative there); at 1e-4 the truncation error O(ε²) stays far below 1e-6 and the noise drops.
        var report = GradientCheck.Run(model.Parameters, () => model.Loss(windows[1], carried), epsilon: 1e-4, tolerance: 1e-6);
        output.WriteLine($"{cell} layers={layers} embedding={embedding?.ToString() ?? "one-hot"}: loss {result.Loss:F4}, max relative error {report.MaxRelativeError:E2}");
        output.WriteLine(report.ToString());

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(18, result.Characters);
        Assert.Equal(layers, result.HiddenGradientNorms.Count);
        Assert.All(result.HiddenGradientNorms, norms => Assert.Equal(6, norms.Length));
        Assert.Equal(result.Loss, model.Loss(windows[1], carried), 12);
    }
}
