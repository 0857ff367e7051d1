using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

public class LanguageModelTests
{
    static readonly Vocabulary Letters = new("abcdefgh ");

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var model = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 8, layers: 2, seed: 4);
        var sampler = new TemperatureSampler(1.0);
        string a = model.Generate("abc", 60, sampler, seed: 1);
        Assert.Equal(60, a.Length);
        Assert.All(a, c => Assert.True(Letters.Contains(c)));
        Assert.Equal(a, model.Generate("abc", 60, sampler, seed: 1));
        Assert.NotEqual(a, model.Generate("abc", 60, sampler, seed: 2));
    }

    [Fact]
    public void The_prefix_warms_up_the_state_and_greedy_generation_follows_the_most_likely_character()
    {
        var model = new CharLanguageModel(Letters, CellKind.Gru, hiddenSize: 8, seed: 5);
        var afterB = model.NextCharacterProbabilities("b");
        var afterAb = model.NextCharacterProbabilities("ab");
        Assert.Equal(1.0, afterAb.Sum(), 12);
        Assert.NotEqual(afterB, afterAb);                     // the earlier 'a' changed the state

        string greedy = model.Generate("ab", 1, new GreedySampler());
        Assert.Equal(Letters[Array.IndexOf(afterAb, afterAb.Max())], greedy[0]);
        // Generating more characters continues from the same state: the first one does not change.
        Assert.Equal(greedy[0], model.Generate("ab", 10, new GreedySampler())[0]);
    }

    [Fact]
    public void Loss_over_a_text_matches_the_mean_of_its_window_losses()
    {
        const string text = "a bad cafe faced a bag";
        var model = new CharLanguageModel(Letters, CellKind.Rnn, hiddenSize: 5, seed: 6);
        var full = Bptt.Full(text, Letters);
        Assert.Equal(model.Loss(full), model.Loss(text), 12);
        Assert.Equal(model.Loss(full), model.ComputeGradients(full, null).Loss, 12);
    }

    [Fact]
    public void Untrained_model_loss_is_near_log_V_and_the_result_reports_perplexity()
    {
        var model = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 6, embeddingSize: 3, seed: 7);
        var window = Bptt.Windows("abcdefgh abcdefgh abcdefgh", Letters, windowLength: 8, batchSize: 2)[0];
        var result = model.ComputeGradients(window);
        Assert.InRange(result.Loss, Math.Log(9) - 0.3, Math.Log(9) + 0.3);
        Assert.Equal(Math.Exp(result.Loss), result.Perplexity, 12);
        Assert.Equal(16, result.Characters);
        Assert.Contains("Lstm language model: V = 9, H = 6", model.ToString());
    }
}
