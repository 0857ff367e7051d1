using RnnNotebooks.Text;

namespace RnnNotebooks.Layers;

/// <summary>
/// The loss of a classifier's output head, for every prediction of a sequence batch at once:
/// <code>
/// p_j  = softmax(y_j)                       for every column j of the logits (classes × n)
/// loss = −(1/n) Σ_j log p_j[target_j]       the mean over the n = T·B predictions, in nats
/// dL/dy_j = (p_j − one-hot(target_j)) / n
/// </code>
/// Columns are laid out step after step: column j is step j / B, sequence j % B. The reference language model,
/// the fast kernels and notebook 10's captioner all compute their loss here.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// The mean cross-entropy of <paramref name="logits"/> (column-major, <paramref name="classes"/> rows, one column per
    /// prediction) against <paramref name="targets"/>[t][b], overwriting the logits with dL/dy. Returns NaN, and leaves
    /// the logits as they were, when a logit is not finite (a diverged model): the caller says so.
    /// </summary>
    public static double Apply(Span<double> logits, int classes, IReadOnlyList<int[]> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0 || targets[0] is not { Length: > 0 } first)
            throw new ArgumentException("There are no targets: give at least one step with one target per sequence.", nameof(targets));
        int B = first.Length, n = targets.Count * B;
        if (classes <= 0 || logits.Length != classes * n)
            throw new ArgumentException($"The logits hold {logits.Length} values but {targets.Count} steps × {B} sequences × {classes} classes need {classes * n}.", nameof(logits));
        foreach (double value in logits)
            if (!double.IsFinite(value)) return double.NaN;

        double loss = 0;
        for (int t = 0; t < targets.Count; t++)
        {
            if (targets[t]?.Length != B)
                throw new ArgumentException($"Step {t} has {targets[t]?.Length ?? 0} targets but step 0 has {B}: give one per sequence.", nameof(targets));
            for (int b = 0; b < B; b++)
            {
                int target = targets[t][b];
                if ((uint)target >= (uint)classes)
                    throw new ArgumentOutOfRangeException(nameof(targets), target, $"Target {target} at step {t} is not a class: targets are 0 … {classes - 1}.");
                var column = logits.Slice((t * B + b) * classes, classes);
                Softmax.Normalize(column);
                loss -= Math.Log(column[target]);
                column[target] -= 1;                 // dL/dy = p − one-hot(target), before the mean's 1/n
            }
        }
        double scale = 1.0 / n;
        for (int i = 0; i < logits.Length; i++) logits[i] *= scale;
        return loss / n;
    }
}
