using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Text;

public class SamplerTests
{
    static readonly Vector<double> Logits = Vector<double>.Build.Dense([1.0, 3.0, 0.5, 2.0, -1.0]);

    static double[] Frequencies(ISampler sampler, int draws, int seed)
    {
        var random = new Random(seed);
        var counts = new double[Logits.Count];
        for (int n = 0; n < draws; n++) counts[sampler.Sample(Logits, random)]++;
        return counts.Select(c => c / draws).ToArray();
    }

    [Fact]
    public void Softmax_sums_to_one_and_survives_huge_logits()
    {
        var p = Softmax.Probabilities(Vector<double>.Build.Dense([1000.0, 1001.0, 999.0]));
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(Math.E / (1 + Math.E + 1 / Math.E) , p[1], 12);
    }

    [Fact]
    public void Greedy_sampler_always_picks_the_largest_logit()
    {
        Assert.Equal([0, 1, 0, 0, 0], Frequencies(new GreedySampler(), 100, 1));
    }

    [Fact]
    public void Temperature_sampler_at_one_draws_with_softmax_probabilities()
    {
        var expected = Softmax.Probabilities(Logits);
        var observed = Frequencies(new TemperatureSampler(1.0), 20000, 2);
        for (int i = 0; i < Logits.Count; i++) Assert.InRange(observed[i], expected[i] - 0.015, expected[i] + 0.015);
    }

    [Fact]
    public void Low_temperature_approaches_greedy_and_high_temperature_flattens()
    {
        Assert.True(Frequencies(new TemperatureSampler(0.05), 2000, 3)[1] > 0.999);
        var flat = Frequencies(new TemperatureSampler(100), 20000, 4);
        Assert.All(flat, f => Assert.InRange(f, 0.17, 0.23));
    }

    [Fact]
    public void Top_k_sampler_draws_only_among_the_k_best()
    {
        var f = Frequencies(new TopKSampler(2), 5000, 5);
        Assert.Equal(0, f[0] + f[2] + f[4]);
        double p1 = Math.Exp(3) / (Math.Exp(3) + Math.Exp(2));
        Assert.InRange(f[1], p1 - 0.03, p1 + 0.03);
        Assert.Equal([0, 1, 0, 0, 0], Frequencies(new TopKSampler(1), 100, 6));
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws()
    {
        Assert.Equal(Frequencies(new TopKSampler(3, 1.5), 50, 9), Frequencies(new TopKSampler(3, 1.5), 50, 9));
    }

    [Fact]
    public void Perplexity_of_a_uniform_guess_is_the_vocabulary_size()
    {
        Assert.Equal(65, Perplexity.FromLoss(Math.Log(65)), 9);
        Assert.Equal(1.0, Perplexity.BitsPerCharacter(Math.Log(2)), 12);
    }

    [Fact]
    public void Bad_sampler_settings_name_the_argument_and_the_fix()
    {
        var t = Assert.Throws<ArgumentOutOfRangeException>(() => new TemperatureSampler(0));
        Assert.Equal("temperature", t.ParamName);
        Assert.Contains("positive", t.Message);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new TemperatureSampler(double.NaN)).ParamName);
        Assert.Equal("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKSampler(3, -1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKSampler(0)).ParamName);
        var tooBig = Assert.Throws<ArgumentOutOfRangeException>(() => new TopKSampler(9).Sample(Logits, new Random(1)));
        Assert.Contains("k = 9 is larger than the vocabulary of 5", tooBig.Message);
        var diverged = Assert.Throws<ArgumentException>(() => new TemperatureSampler().Sample(Vector<double>.Build.Dense([1, double.NaN]), new Random(1)));
        Assert.Contains("not finite", diverged.Message);
    }
}
