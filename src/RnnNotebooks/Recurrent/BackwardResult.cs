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

    /// <summary>Why the loss is NaN, with the fix, when the model has diverged; null when the loss is finite.</summary>
    public string? Problem => double.IsFinite(Loss) ? null : DivergedProblem;

    /// <summary>What a NaN loss from a language model means, and what to do about it.</summary>
    public const string DivergedProblem =
        "The loss is NaN: the model's outputs are no longer finite, so its weights have diverged (exploding gradients). " +
        "The gradients were set to zero. Start again from a freshly created model with gradient clipping (e.g. GradientClipping at norm 5, " +
        "or TrainerOptions.MaxGradientNorm = 5) or a learning rate ten times smaller; a Trainer stops at such a step and names it.";

    /// <summary>The result of a step whose outputs were not finite: a NaN loss and no gradient norms.</summary>
    internal static BackwardResult Diverged(int characters) => new(double.NaN, characters, []);
}
