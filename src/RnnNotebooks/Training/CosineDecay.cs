namespace RnnNotebooks.Training;

/// <summary>
/// A learning-rate schedule: the rate is held at its peak for the first part of training, then lowered along a
/// half cosine towards a fraction of the peak (cosine annealing, Loshchilov and Hutter 2017, without restarts).
/// With f = (step − 1)/steps and u = (f − hold)/(1 − hold), the rate is the peak while f &lt; hold and
/// peak · (final + (1 − final) · (1 + cos πu)/2) after. Set it before each update:
/// <c>optimizer.LearningRate = schedule.RateAt(step);</c>.
/// </summary>
public sealed record CosineDecay
{
    /// <param name="peak">The rate at the start, held until <paramref name="holdFraction"/> of the steps.</param>
    /// <param name="steps">How many steps the training runs.</param>
    /// <param name="holdFraction">The share of the steps at the peak rate, in [0, 1).</param>
    /// <param name="finalFactor">The fraction of the peak the rate approaches at the last step, in [0, 1].</param>
    public CosineDecay(double peak, int steps, double holdFraction = 0.5, double finalFactor = 0.1)
    {
        if (!(peak > 0) || double.IsInfinity(peak))
            throw new ArgumentOutOfRangeException(nameof(peak), peak, "The peak learning rate must be a positive number, e.g. 0.005 for Adam.");
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "The schedule needs the number of training steps, at least 1.");
        if (!(holdFraction >= 0 && holdFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(holdFraction), holdFraction, "The held share of the steps must be in [0, 1): 0 decays from the first step, 0.5 from half-way.");
        if (!(finalFactor >= 0 && finalFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(finalFactor), finalFactor, "The final factor must be in [0, 1]: 0.1 ends near a tenth of the peak.");
        (Peak, Steps, HoldFraction, FinalFactor) = (peak, steps, holdFraction, finalFactor);
    }

    public double Peak { get; }
    public int Steps { get; }
    public double HoldFraction { get; }
    public double FinalFactor { get; }

    /// <summary>The learning rate for step <paramref name="step"/> (1 to <see cref="Steps"/>).</summary>
    public double RateAt(int step)
    {
        if (step < 1 || step > Steps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The schedule covers steps 1 to {Steps}; make it with the number of steps the training runs.");
        double f = (step - 1) / (double)Steps;
        if (f < HoldFraction) return Peak;
        double u = (f - HoldFraction) / (1 - HoldFraction);
        return Peak * (FinalFactor + (1 - FinalFactor) * 0.5 * (1 + Math.Cos(Math.PI * u)));
    }

    public override string ToString() =>
        $"learning rate {Peak:G3} for the first {HoldFraction:P0} of {Steps:N0} steps, then down a half cosine towards {Peak * FinalFactor:G3}";
}
