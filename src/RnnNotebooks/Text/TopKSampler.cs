using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>
/// Top-k sampling: keep the k most likely characters, renormalise, and draw among them (at
/// temperature τ). Rules out the long tail of unlikely characters that make samples go astray.
/// k = 1 is greedy decoding.
/// </summary>
public sealed class TopKSampler : ISampler
{
    readonly TemperatureSampler _temperature;

    /// <summary>Creates a sampler that draws among the <paramref name="k"/> best characters.</summary>
    public TopKSampler(int k, double temperature = 1.0)
    {
        if (k <= 0)
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1 (1 is greedy; 5–10 is typical for characters).");
        K = k;
        _temperature = new TemperatureSampler(temperature);
    }

    /// <summary>How many candidates are kept.</summary>
    public int K { get; }

    /// <summary>τ.</summary>
    public double Temperature => _temperature.Temperature;

    /// <inheritdoc />
    public int Sample(Vector<double> logits, Random random)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (K > logits.Count)
            throw new ArgumentOutOfRangeException(nameof(logits), logits.Count, $"k = {K} is larger than the vocabulary of {logits.Count} characters: choose k ≤ {logits.Count}.");
        Softmax.CheckFinite(logits, nameof(logits));
        // Everything below the k-th largest logit gets probability e^−∞ = 0.
        var order = Enumerable.Range(0, logits.Count).OrderByDescending(i => logits[i]).ThenBy(i => i).ToArray();
        var masked = Vector<double>.Build.Dense(logits.Count, double.NegativeInfinity);
        for (int j = 0; j < K; j++) masked[order[j]] = logits[order[j]];
        return _temperature.Sample(masked, random);
    }

    public override string ToString() => $"top-{K}, temperature {Temperature:G3}";
}
