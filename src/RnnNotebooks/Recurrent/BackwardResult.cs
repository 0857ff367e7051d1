namespace RnnNotebooks.Recurrent;

/// <summary>
/// What one forward-and-backward pass over a window reports to a trainer (the gradients themselves
/// are in the model's <see cref="Training.Parameter.Gradient"/>s).
/// </summary>
/// <param name="Loss">Mean cross-entropy in nats per character.</param>
/// <param name="Characters">How many characters were predicted (T·B).</param>
/// <param name="HiddenGradientNorms">‖dL/dh_t‖ for t = 1 … T, one array per recurrent layer (bottom first).</param>
public sealed record BackwardResult(double Loss, int Characters, IReadOnlyList<double[]> HiddenGradientNorms)
{
    /// <summary>e^loss: the model is as unsure as a uniform choice among this many characters.</summary>
    public double Perplexity => Text.Perplexity.FromLoss(Loss);
}
