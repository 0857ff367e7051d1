using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Text;

/// <summary>Greedy decoding: always the most likely character (ties go to the lowest id). Deterministic,
/// and prone to loops such as "the the the".</summary>
public sealed class GreedySampler : ISampler
{
    /// <inheritdoc />
    public int Sample(Vector<double> logits, Random random)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Count == 0)
            throw new ArgumentException("There are no logits to choose from.", nameof(logits));
        Softmax.CheckFinite(logits, nameof(logits));
        return logits.MaximumIndex();
    }

    public override string ToString() => "greedy";
}
