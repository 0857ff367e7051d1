using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public sealed class CosineDecayTests
{
    [Fact]
    public void The_rate_is_held_then_falls_monotonically_towards_the_final_fraction()
    {
        var schedule = new CosineDecay(peak: 0.01, steps: 1000, holdFraction: 0.5, finalFactor: 0.1);
        Assert.Equal(0.01, schedule.RateAt(1));
        Assert.Equal(0.01, schedule.RateAt(500));
        // Half-way through the decay the cosine term is one half: final + (1 - final)/2 of the peak.
        Assert.Equal(0.01 * (0.1 + 0.9 * 0.5), schedule.RateAt(751), 12);
        var rates = Enumerable.Range(501, 500).Select(schedule.RateAt).ToArray();
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First));
        Assert.InRange(schedule.RateAt(1000), 0.001, 0.00101);
    }

    [Fact]
    public void Bad_settings_and_steps_outside_the_schedule_are_refused_with_the_fix()
    {
        Assert.Contains("positive", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0, 10)).Message);
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10, holdFraction: 1)).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10, finalFactor: 2)).Message);
        Assert.Contains("steps 1 to 10", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10).RateAt(11)).Message);
    }
}
