using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Attention;

/// <summary>
/// What an <see cref="AdditiveAttention"/> attends over: the keys h_1 … h_n (each H_k×B, e.g. an encoder's
/// hidden states), their projections W_k·h_i (computed once, used by every query), which keys each
/// sequence of the batch has, and the gradients the queries' backward passes add up for the keys.
/// </summary>
public sealed class AttentionMemory
{
    internal AttentionMemory(AdditiveAttention attention, IReadOnlyList<Matrix<double>> keys, IReadOnlyList<Matrix<double>> projected, int[]? lengths)
    {
        Attention = attention;
        Keys = keys;
        Projected = projected;
        Lengths = lengths;
        KeyGradients = keys.Select(k => Matrix<double>.Build.Dense(k.RowCount, k.ColumnCount)).ToArray();
        ProjectedGradients = projected.Select(p => Matrix<double>.Build.Dense(p.RowCount, p.ColumnCount)).ToArray();
    }

    /// <summary>The attention that projected these keys.</summary>
    public AdditiveAttention Attention { get; }

    /// <summary>h_1 … h_n, each H_k×B.</summary>
    public IReadOnlyList<Matrix<double>> Keys { get; }

    /// <summary>W_k·h_1 … W_k·h_n, each A×B.</summary>
    public IReadOnlyList<Matrix<double>> Projected { get; }

    /// <summary>n, the number of keys (time steps).</summary>
    public int Length => Keys.Count;

    /// <summary>B, the number of sequences.</summary>
    public int BatchSize => Keys[0].ColumnCount;

    /// <summary>How many keys sequence b has (the rest are padding and get weight 0); null: all n.</summary>
    public int[]? Lengths { get; }

    /// <summary>Whether key i belongs to sequence b.</summary>
    public bool Visible(int i, int b) => Lengths is null || i < Lengths[b];

    internal Matrix<double>[] KeyGradients { get; }

    internal Matrix<double>[] ProjectedGradients { get; }
}
