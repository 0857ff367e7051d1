using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>
/// Attention weights from scores: a softmax down each column (one column per query, one row per key),
/// α_i = e^(e_i − max e) / Σ_j e^(e_j − max e), over the keys the mask allows (the others get weight 0).
/// Subtracting the largest score changes nothing mathematically and keeps e^x from overflowing.
/// Backwards, for the weights α and dL/dα of one column: dL/de_i = α_i (dL/dα_i − Σ_j α_j dL/dα_j).
/// </summary>
public static class AttentionSoftmax
{
    /// <summary>
    /// The weights of <paramref name="scores"/> (keys × queries), column by column. <paramref name="allowed"/>
    /// (same shape, null: every key) says which key each query may see.
    /// </summary>
    public static Matrix<double> Weights(Matrix<double> scores, bool[,]? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int n = scores.RowCount, m = scores.ColumnCount;
        if (n == 0 || m == 0)
            throw new ArgumentException($"The scores are {n}×{m}: attention needs at least one key (row) and one query (column).", nameof(scores));
        if (allowed is not null && (allowed.GetLength(0) != n || allowed.GetLength(1) != m))
            throw new ArgumentException($"The mask is {allowed.GetLength(0)}×{allowed.GetLength(1)} but the scores are {n}×{m} (keys × queries): give one entry per score.", nameof(allowed));
        var weights = Matrix<double>.Build.Dense(n, m);
        for (int j = 0; j < m; j++)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
                if (allowed is null || allowed[i, j]) max = Math.Max(max, scores[i, j]);
            if (double.IsNegativeInfinity(max))
                throw new ArgumentException($"The mask lets query {j} see no key at all: every query needs at least one visible key (a causal mask lets position j see 0 … j).", nameof(allowed));
            if (!double.IsFinite(max))
                throw new ArgumentException($"Query {j} has a score of {max}: the scores are not finite (a diverged model? try gradient clipping or a smaller learning rate).", nameof(scores));
            double sum = 0;
            for (int i = 0; i < n; i++)
                if (allowed is null || allowed[i, j]) sum += weights[i, j] = Math.Exp(scores[i, j] - max);
            for (int i = 0; i < n; i++) weights[i, j] /= sum;
        }
        return weights;
    }

    /// <summary>dL/d(scores) from the <paramref name="weights"/> and dL/d(weights), column by column.
    /// Masked keys have weight 0 and so get gradient 0.</summary>
    public static Matrix<double> Backward(Matrix<double> weights, Matrix<double> weightGradient)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(weightGradient);
        if (weights.RowCount != weightGradient.RowCount || weights.ColumnCount != weightGradient.ColumnCount)
            throw new ArgumentException($"dL/dα is {weightGradient.RowCount}×{weightGradient.ColumnCount} but the weights are {weights.RowCount}×{weights.ColumnCount}: they must match.", nameof(weightGradient));
        var dScores = Matrix<double>.Build.Dense(weights.RowCount, weights.ColumnCount);
        for (int j = 0; j < weights.ColumnCount; j++)
        {
            double dot = 0;
            for (int i = 0; i < weights.RowCount; i++) dot += weights[i, j] * weightGradient[i, j];
            for (int i = 0; i < weights.RowCount; i++) dScores[i, j] = weights[i, j] * (weightGradient[i, j] - dot);
        }
        return dScores;
    }
}
