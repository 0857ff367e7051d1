using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Text;

namespace RnnNotebooks.Attention;

/// <summary>
/// The loss of a model that writes a sequence token by token: the mean over every predicted token of
/// −log softmax(z)_target, where z (V×1) are the logits of one position. Its gradient with respect to the
/// logits of one of the N positions is (softmax(z) − onehot(target)) / N.
/// </summary>
public static class SequenceCrossEntropy
{
    /// <summary>The mean cross-entropy of <paramref name="logits"/> (V×N, one column per position) against
    /// <paramref name="targets"/> (N ids); fills <paramref name="logitGradient"/> with dL/dz when given.</summary>
    public static double Loss(Matrix<double> logits, IReadOnlyList<int> targets, Matrix<double>? logitGradient = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        int n = logits.ColumnCount;
        if (targets.Count != n || n == 0)
            throw new ArgumentException($"There are {targets.Count} targets for {n} columns of logits: give one target id per position (and at least one).", nameof(targets));
        double loss = 0;
        var p = new double[logits.RowCount];
        for (int j = 0; j < n; j++)
        {
            if ((uint)targets[j] >= (uint)logits.RowCount)
                throw new ArgumentOutOfRangeException(nameof(targets), targets[j], $"Target {j} is id {targets[j]}, outside the vocabulary 0 … {logits.RowCount - 1}.");
            for (int i = 0; i < p.Length; i++) p[i] = logits[i, j];
            Softmax.Normalize(p);
            loss -= Math.Log(p[targets[j]]);
            if (logitGradient is null) continue;
            p[targets[j]] -= 1;
            for (int i = 0; i < p.Length; i++) logitGradient[i, j] = p[i] / n;
        }
        return loss / n;
    }

    /// <summary>log softmax of each column of <paramref name="logits"/>: the log-probabilities of the next token.</summary>
    public static Matrix<double> LogProbabilities(Matrix<double> logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var result = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount);
        for (int j = 0; j < logits.ColumnCount; j++)
        {
            double max = logits.Column(j).Maximum(), sum = 0;
            for (int i = 0; i < logits.RowCount; i++) sum += Math.Exp(logits[i, j] - max);
            double logSum = max + Math.Log(sum);
            for (int i = 0; i < logits.RowCount; i++) result[i, j] = logits[i, j] - logSum;
        }
        return result;
    }
}
