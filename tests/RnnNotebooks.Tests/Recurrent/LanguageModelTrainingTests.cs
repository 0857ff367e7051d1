using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The character language model learns real text: truncated BPTT (windows of 25, 4 streams, state
/// carried between windows) through the library's Trainer, Adam at 0.01, H = 64, seed 1. The loss over the whole text starts near
/// ln V = ln 47 ≈ 3.85 nats and must fall below the stated value within the stated number of steps.
/// Measured (this machine, these seeds): RNN 1.37, GRU 1.22 and LSTM 1.95 after 200 steps (the LSTM
/// starts slower: 1.63 after 300, 1.00 after 600).
/// </summary>
public class LanguageModelTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellKind.Rnn, 200, 1.6)]
    [InlineData(CellKind.Gru, 200, 1.5)]
    [InlineData(CellKind.Lstm, 200, 2.2)]
    public void Language_model_on_verse_drives_its_loss_below_the_stated_value(CellKind cell, int steps, double target)
    {
        string text = SmallCorpus.Verse;
        var vocabulary = new Vocabulary(text);
        var model = new CharLanguageModel(vocabulary, cell, hiddenSize: 64, seed: 1);
        var windows = TextWindows.Cut(text, vocabulary, windowLength: 25, batchSize: 4);
        var trainer = new Trainer(model, new Adam(0.01), new TrainerOptions { HiddenGradientNormsEvery = 50 });

        double initial = model.Loss(text);
        Assert.InRange(initial, Math.Log(vocabulary.Size) - 0.2, Math.Log(vocabulary.Size) + 0.2);

        var history = trainer.Run(steps, model.TrainingSteps(windows));
        Assert.Equal(steps, history.Count);
        Assert.Equal((long)steps * windows[0].Characters, history.TotalCharacters);
        Assert.Equal(windows[0].Length, history.HiddenGradientNorms[0].NormPerTimeStep.Count);

        double final = model.Loss(text);
        output.WriteLine($"{cell}: loss {initial:F3} → {final:F3} nats/char (perplexity {Perplexity.FromLoss(final):F2}) after {steps} steps");
        output.WriteLine("Sample: " + model.Generate("Love ", 80, new TopKSampler(3), seed: 1));
        Assert.True(final < target, $"{cell}: loss {final:F3} after {steps} steps, expected below {target}.");
    }
}
