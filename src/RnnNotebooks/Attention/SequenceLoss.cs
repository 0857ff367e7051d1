using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;

namespace RnnNotebooks.Attention;

/// <summary>The models of this folder hand their per-step logits (each V×B) to the library's one output head,
/// <see cref="SoftmaxCrossEntropy"/>, and get dL/dz back in the same shape.</summary>
internal static class SequenceLoss
{
    /// <summary>The mean cross-entropy of <paramref name="logits"/>[t] against <paramref name="targets"/>[t][b]; with
    /// <paramref name="backward"/>, also dL/dz_t for every step (null otherwise). Refuses a diverged model.</summary>
    public static (double Loss, Matrix<double>[]? Gradients) Of(IReadOnlyList<Matrix<double>> logits, int[][] targets, bool backward)
    {
        int classes = logits[0].RowCount, batch = logits[0].ColumnCount;
        // Step t's V×B matrix, column-major, is columns t·B … t·B+B−1 of the head's layout: concatenate.
        var flat = logits.SelectMany(z => z.AsColumnMajorArray() ?? z.ToColumnMajorArray()).ToArray();
        double loss = SoftmaxCrossEntropy.Apply(flat, classes, targets);
        if (double.IsNaN(loss))
            throw new InvalidOperationException("The model's scores are not finite: it has diverged. Retrain it with gradient clipping or a smaller learning rate.");
        if (!backward) return (loss, null);
        var gradients = Enumerable.Range(0, logits.Count)
            .Select(t => Matrix<double>.Build.Dense(classes, batch, flat.AsSpan(t * classes * batch, classes * batch).ToArray())).ToArray();
        return (loss, gradients);
    }
}
