namespace RnnNotebooks.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Run"/> when the loss or the gradient becomes NaN or infinite: the
/// parameters have blown up and further steps cannot recover. The parameters are left as they
/// were before the failing step, and the history holds every step before it.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for training step <paramref name="step"/>.</summary>
    public TrainingDivergedException(int step, string quantity, double value, string message) : base(message)
    {
        Step = step;
        Quantity = quantity;
        Value = value;
    }

    /// <summary>The step at which the loss or gradient stopped being finite.</summary>
    public int Step { get; }

    /// <summary>What became non-finite: "loss" or "gradient norm".</summary>
    public string Quantity { get; }

    /// <summary>The offending value (NaN, +∞ or −∞).</summary>
    public double Value { get; }
}
