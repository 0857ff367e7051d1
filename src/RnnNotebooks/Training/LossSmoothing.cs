namespace RnnNotebooks.Training;

/// <summary>
/// The one smoothing of a loss curve used everywhere (history, live view, charts): the bias-corrected
/// exponential moving average, as in Adam and d2l's / TensorBoard's debiased smoothing.
/// vₜ = β·vₜ₋₁ + (1 − β)·xₜ with v₀ = 0, and the smoothed value sₜ = vₜ / (1 − βᵗ), t counted from 1,
/// so the first point equals the first loss and early points are not pulled towards zero.
/// </summary>
public static class LossSmoothing
{
    /// <summary>The default β (about a 100-step window).</summary>
    public const double DefaultBeta = 0.99;

    /// <summary>Checks that β is in [0, 1) (0 turns smoothing off: sₜ = xₜ).</summary>
    public static double CheckBeta(double beta, string parameterName) => beta is >= 0 and < 1
        ? beta
        : throw new ArgumentOutOfRangeException(parameterName, beta, $"the smoothing β must be in [0, 1), e.g. {DefaultBeta} (0 turns smoothing off).");

    /// <summary>The bias-corrected moving average of <paramref name="values"/>, one point per value.</summary>
    public static double[] Smooth(IReadOnlyList<double> values, double beta = DefaultBeta)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckBeta(beta, nameof(beta));
        var result = new double[values.Count];
        double v = 0, betaPower = 1;
        for (int i = 0; i < values.Count; i++)
            result[i] = Next(ref v, ref betaPower, values[i], beta);
        return result;
    }

    /// <summary>One step of the average: updates the running sum <paramref name="v"/> and βᵗ, returns sₜ.</summary>
    public static double Next(ref double v, ref double betaPower, double x, double beta)
    {
        v = beta * v + (1 - beta) * x;
        betaPower *= beta;
        return v / (1 - betaPower);
    }
}
