using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>
/// log softmax of logits, the log-probabilities a decoder ranks its next token by:
/// log p_i = z_i − (m + log Σ_j e^(z_j − m)) with m = max_j z_j, so that no e^z overflows and a
/// very unlikely token gets a large negative number rather than log 0.
/// </summary>
internal static class NextTokenLogProbabilities
{
    /// <summary>The log-probabilities of each column of <paramref name="logits"/> (V×B).</summary>
    public static Matrix<double> Of(Matrix<double> logits)
    {
        var result = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount);
        for (int j = 0; j < logits.ColumnCount; j++)
        {
            double max = logits.Column(j).Maximum(), sum = 0;
            if (!double.IsFinite(max))
                throw new InvalidOperationException($"The model's scores are not finite ({max}): it has diverged. Retrain it with gradient clipping or a smaller learning rate.");
            for (int i = 0; i < logits.RowCount; i++) sum += Math.Exp(logits[i, j] - max);
            double logSum = max + Math.Log(sum);
            for (int i = 0; i < logits.RowCount; i++) result[i, j] = logits[i, j] - logSum;
        }
        return result;
    }
}
