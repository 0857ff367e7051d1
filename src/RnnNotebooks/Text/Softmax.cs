using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>
/// softmax(z)_i = e^(z_i/τ) / Σ_j e^(z_j/τ): turns scores (logits) into probabilities. The
/// temperature τ sharpens (τ &lt; 1) or flattens (τ &gt; 1) the distribution. Computed as
/// e^((z_i − max z)/τ) so that large logits cannot overflow.
/// </summary>
public static class Softmax
{
    /// <summary>The probabilities of <paramref name="logits"/> at temperature <paramref name="temperature"/>.</summary>
    public static Vector<double> Probabilities(Vector<double> logits, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        CheckTemperature(temperature);
        var p = logits.ToArray();
        Normalize(p, temperature);
        return Vector<double>.Build.Dense(p);
    }

    /// <summary>Replaces <paramref name="values"/> (logits) by their softmax, in place.</summary>
    public static void Normalize(Span<double> values, double temperature = 1.0)
    {
        if (values.Length == 0)
            throw new ArgumentException("There are no logits: softmax needs at least one score.", nameof(values));
        double max = double.NegativeInfinity;
        foreach (double v in values) max = Math.Max(max, v);
        if (double.IsNaN(max) || double.IsInfinity(max))
            throw new ArgumentException($"The largest logit is {max}: the model's outputs are not finite (a diverged training run? try gradient clipping or a smaller learning rate).", nameof(values));
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp((values[i] - max) / temperature);
            sum += values[i];
        }
        for (int i = 0; i < values.Length; i++) values[i] /= sum;
    }

    /// <summary>Refuses scores that are NaN or infinite, as a diverged model produces, naming the first one.</summary>
    internal static void CheckFinite(Vector<double> logits, string parameterName)
    {
        for (int i = 0; i < logits.Count; i++)
            if (!double.IsFinite(logits[i]))
                throw new ArgumentException(
                    $"Logit {i} is {logits[i]}: the model's outputs are not finite, so no character can be chosen (a diverged training run? retrain with gradient clipping or a smaller learning rate).",
                    parameterName);
    }

    internal static void CheckTemperature(double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive finite number: below 1 is bolder, above 1 more random, e.g. 0.8.");
    }
}
