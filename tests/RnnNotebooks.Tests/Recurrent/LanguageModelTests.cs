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
        var full = TextWindows.Whole(text, Letters);
        Assert.Equal(model.Loss(full), model.Loss(text), 12);
        Assert.Equal(model.Loss(full), model.ComputeGradients(full, null).Loss, 12);
    }

    [Fact]
    public void Untrained_model_loss_is_near_log_V_and_the_result_reports_perplexity()
    {
        var model = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 6, embeddingSize: 3, seed: 7);
        var window = TextWindows.Cut("abcdefgh abcdefgh abcdefgh", Letters, windowLength: 8, batchSize: 2)[0];
        var result = model.ComputeGradients(window);
        Assert.InRange(result.Loss, Math.Log(9) - 0.3, Math.Log(9) + 0.3);
        Assert.Equal(Math.Exp(result.Loss), result.Perplexity, 12);
        Assert.Equal(16, result.Characters);
        Assert.Contains("Lstm language model: V = 9, H = 6", model.ToString());
    }

    [Fact]
    public void Trace_exposes_hidden_states_and_gate_activations_for_every_character()
    {
        var model = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 4, layers: 2, seed: 8);
        var trace = model.Trace("abcab");
        Assert.Equal(2, trace.Layers.Count);
        Assert.Equal(5, trace.Outputs.Count);
        var step = Assert.IsType<LstmStep>(trace.Layers[1].Steps[4]);
        Assert.All(step.Forget.Enumerate(), f => Assert.InRange(f, 0, 1));
        // The forget gate starts open: b_f = 1 pushes σ above one half on average.
        Assert.True(step.Forget.Enumerate().Average() > 0.5);
        // The trace's last hidden state gives the same prediction as NextCharacterProbabilities.
        var logits = model.OutputWeights.Value * trace.Outputs[^1] + model.OutputBias.Value;
        var p = Softmax.Probabilities(logits.Column(0));
        Assert.Equal(model.NextCharacterProbabilities("abcab"), p.ToArray());
    }

    [Fact]
    public void A_recurrent_initializer_sets_every_W_h_and_its_shape_is_checked()
    {
        var identity = new CharLanguageModel(Letters, CellKind.Rnn, hiddenSize: 5, layers: 2, activation: RnnActivation.Relu,
            recurrentInitializer: (rows, cols, _) => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(rows, cols));
        foreach (var layer in identity.Recurrent.Layers)
            Assert.Equal(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(5), ((RnnCell)layer).RecurrentWeights.Value);

        var e = Assert.Throws<ArgumentException>(() => new GruCell(3, 4, recurrentInitializer: (_, _, _) => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 2)));
        Assert.Equal("initializer", e.ParamName);
        Assert.Contains("returned a 2×2 matrix for W_hz, which must be 4×4", e.Message);
    }

    [Fact]
    public void A_diverged_model_reports_a_NaN_loss_instead_of_crashing_and_sampling_explains_why()
    {
        var model = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 4, seed: 9);
        model.OutputWeights.Value[0, 0] = double.PositiveInfinity;
        var window = TextWindows.Cut("abcabcabc", Letters, 4)[0];
        var result = model.ComputeGradients(window);
        Assert.True(double.IsNaN(result.Loss));
        Assert.All(model.Parameters, p => Assert.Equal(0, p.Gradient.FrobeniusNorm()));
        var loss = Assert.Throws<InvalidOperationException>(() => model.Loss("abcabc"));   // issue 22: said, with the fix
        Assert.Contains("The loss is NaN", loss.Message);
        Assert.Contains("gradient clipping", loss.Message);
        var e = Assert.Throws<ArgumentException>(() => model.Generate("ab", 3, new TemperatureSampler()));
        Assert.Contains("gradient clipping or a smaller learning rate", e.Message);
    }
}
