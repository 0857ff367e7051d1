using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>
/// Scaled dot-product attention (Vaswani et al. 2017) for one sequence, one position per column:
/// <code>
/// S = Kᵀ·Q / √d        scores, keys × queries (d: the size of a query and a key)
/// A = softmax(S)       down each column, over the keys the mask allows
/// O = V·A              each output is the weighted average of the values
/// </code>
/// With entries of q and k of variance 1, qᵀk has variance d; dividing by √d keeps the scores of order 1
/// whatever d, so the softmax does not saturate into a one-hot whose gradient vanishes.
/// </summary>
public static class ScaledDotProductAttention
{
    /// <summary>O = V·softmax(KᵀQ/√d) with its weights.</summary>
    /// <param name="queries">Q, d×m: one query per column.</param>
    /// <param name="keys">K, d×n: one key per column.</param>
    /// <param name="values">V, d_v×n: one value per key.</param>
    /// <param name="allowed">Which key each query may see (n×m, e.g. <see cref="CausalMask.Of"/>); null: all.</param>
    /// <param name="scaled">Divide the scores by √d (true, the Transformer's choice) or not (plain dot-product attention).</param>
    public static DotProductAttentionTrace Forward(Matrix<double> queries, Matrix<double> keys, Matrix<double> values, bool[,]? allowed = null, bool scaled = true)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (keys.ColumnCount == 0 || queries.ColumnCount == 0)
            throw new ArgumentException($"There are {keys.ColumnCount} keys and {queries.ColumnCount} queries: attention needs at least one of each (an empty sequence has nothing to attend to).", keys.ColumnCount == 0 ? nameof(keys) : nameof(queries));
        if (queries.RowCount != keys.RowCount)
            throw new ArgumentException($"Queries have size {queries.RowCount} but keys have size {keys.RowCount}: qᵀk needs both of the same size d (rows).", nameof(keys));
        if (values.ColumnCount != keys.ColumnCount)
            throw new ArgumentException($"There are {keys.ColumnCount} keys but {values.ColumnCount} values: give one value (column) per key.", nameof(values));
        double scale = scaled ? 1 / Math.Sqrt(queries.RowCount) : 1;
        var scores = keys.TransposeThisAndMultiply(queries) * scale;
        var weights = AttentionSoftmax.Weights(scores, allowed);
        return new DotProductAttentionTrace(queries, keys, values, scale, weights, values * weights);
    }

    /// <summary>Given dL/dO (d_v×m), returns dL/dQ, dL/dK and dL/dV.</summary>
    public static (Matrix<double> Queries, Matrix<double> Keys, Matrix<double> Values) Backward(DotProductAttentionTrace trace, Matrix<double> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.RowCount != trace.Output.RowCount || outputGradient.ColumnCount != trace.Output.ColumnCount)
            throw new ArgumentException($"dL/dO is {outputGradient.RowCount}×{outputGradient.ColumnCount} but the output is {trace.Output.RowCount}×{trace.Output.ColumnCount}.", nameof(outputGradient));
        var dValues = outputGradient.TransposeAndMultiply(trace.Weights);                  // dV = dO·Aᵀ
        var dWeights = trace.Values.TransposeThisAndMultiply(outputGradient);               // dA = Vᵀ·dO
        var dScores = AttentionSoftmax.Backward(trace.Weights, dWeights) * trace.Scale;
        return (trace.Keys * dScores, trace.Queries.TransposeAndMultiply(dScores), dValues); // dQ = K·dS, dK = Q·dSᵀ
    }
}
