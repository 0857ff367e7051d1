using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Text;

/// <summary>A diverged model's NaN or infinite scores: every sampler refuses them with the same advice.</summary>
public class NonFiniteLogitsTests
{
    public static TheoryData<string> Samplers => ["greedy", "top-k", "temperature"];

    static ISampler Create(string name) => name switch
    {
        "greedy" => new GreedySampler(),
        "top-k" => new TopKSampler(2),
        _ => new TemperatureSampler(0.8),
    };

    [Theory]
    [MemberData(nameof(Samplers))]
    public void A_nan_logit_is_refused_with_the_fix(string sampler)
    {
        var logits = Vector<double>.Build.Dense([0.5, double.NaN, 0.1]);
        var e = Assert.Throws<ArgumentException>(() => Create(sampler).Sample(logits, new Random(1)));
        Assert.Contains("not finite", e.Message);
        Assert.Contains("gradient clipping or a smaller learning rate", e.Message);
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void An_infinite_logit_is_refused(string sampler)
    {
        var logits = Vector<double>.Build.Dense([0.5, 0.2, double.PositiveInfinity]);
        Assert.Throws<ArgumentException>(() => Create(sampler).Sample(logits, new Random(1)));
    }

    [Fact]
    public void Greedy_names_the_first_bad_logit()
    {
        var logits = Vector<double>.Build.Dense([0.5, 0.2, double.NaN]);
        var e = Assert.Throws<ArgumentException>(() => new GreedySampler().Sample(logits, new Random(1)));
        Assert.Contains("Logit 2 is NaN", e.Message);
    }
}
