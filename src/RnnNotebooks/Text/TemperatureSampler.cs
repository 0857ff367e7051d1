using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>
/// Sampling with temperature τ: draw the next character from softmax(logits / τ). τ = 1 samples the
/// model's own distribution; τ → 0 approaches greedy; τ &gt; 1 adds variety (and mistakes).
/// </summary>
public sealed class TemperatureSampler : ISampler
{
    /// <summary>Creates a sampler with temperature <paramref name="temperature"/> (positive).</summary>
    public TemperatureSampler(double temperature = 1.0)
    {
        Softmax.CheckTemperature(temperature);
        Temperature = temperature;
    }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    public int Sample(Vector<double> logits, Random random)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(random);
        var p = logits.ToArray();
        Softmax.Normalize(p, Temperature);
        return Draw(p, random);
    }

    /// <summary>Draws index i with probability p[i] (inverse-CDF on one uniform number).</summary>
    internal static int Draw(ReadOnlySpan<double> p, Random random)
    {
        double u = random.NextDouble(), cumulative = 0;
        int last = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0) continue;
            cumulative += p[i];
            last = i;
            if (u < cumulative) return i;
        }
        return last;   // rounding left u just above the total
    }

    public override string ToString() => $"temperature {Temperature:G3}";
}
