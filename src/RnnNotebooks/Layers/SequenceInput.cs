using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Layers;

/// <summary>
/// The inputs x_1 … x_T of a recurrent layer for a batch of B sequences. Either dense D×B matrices
/// (e.g. the hidden states of the layer below), or character ids read as one-hot columns: then
/// W·x_t is just a lookup of the columns of W the ids point at, and dW += δ·x_tᵀ adds δ's columns
/// into those columns — the same maths without multiplying by a vector of zeros.
/// </summary>
public sealed class SequenceInput
{
    readonly IReadOnlyList<Matrix<double>>? _dense;
    readonly int[][]? _ids;

    SequenceInput(IReadOnlyList<Matrix<double>>? dense, int[][]? ids, int size, int batchSize)
    {
        _dense = dense;
        _ids = ids;
        Size = size;
        BatchSize = batchSize;
    }

    /// <summary>T, the number of time steps.</summary>
    public int Length => _dense?.Count ?? _ids!.Length;

    /// <summary>D, the size of each input vector (the vocabulary size for one-hot input).</summary>
    public int Size { get; }

    /// <summary>B, the number of sequences side by side.</summary>
    public int BatchSize { get; }

    /// <summary>Whether the inputs are one-hot ids rather than dense vectors.</summary>
    public bool IsOneHot => _ids is not null;

    /// <summary>Dense inputs: <paramref name="steps"/>[t] is x_t, a D×B matrix (one column per sequence).</summary>
    public static SequenceInput Dense(IReadOnlyList<Matrix<double>> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            throw new ArgumentException("The sequence is empty: give at least one time step x_t.", nameof(steps));
        int d = steps[0].RowCount, b = steps[0].ColumnCount;
        for (int t = 0; t < steps.Count; t++)
            if (steps[t] is null || steps[t].RowCount != d || steps[t].ColumnCount != b)
                throw new ArgumentException(
                    $"Input x_{t} is {Shape(steps[t])} but x_0 is {d}×{b}: every time step must be D×B (input size × batch size).", nameof(steps));
            else if (steps[t].AsColumnMajorArray() is null)
                throw new ArgumentException($"Input x_{t} is not a dense matrix: build inputs with Matrix<double>.Build.Dense.", nameof(steps));
        return new SequenceInput(steps, null, d, b);
    }

    /// <summary>One-hot inputs: <paramref name="ids"/>[t][b] is the id (0 … size−1) of sequence b's
    /// input at step t; <paramref name="size"/> is the vocabulary size D.</summary>
    public static SequenceInput OneHot(int[][] ids, int size)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The one-hot size (vocabulary size) must be positive.");
        if (ids.Length == 0)
            throw new ArgumentException("The sequence is empty: give at least one time step.", nameof(ids));
        int b = ids[0]?.Length ?? 0;
        if (b == 0)
            throw new ArgumentException("Step 0 holds no ids: the batch needs at least one sequence.", nameof(ids));
        for (int t = 0; t < ids.Length; t++)
        {
            if (ids[t] is null || ids[t].Length != b)
                throw new ArgumentException($"Step {t} holds {ids[t]?.Length ?? 0} ids but step 0 holds {b}: every step needs one id per sequence of the batch.", nameof(ids));
            foreach (int id in ids[t])
                if ((uint)id >= (uint)size)
                    throw new ArgumentOutOfRangeException(nameof(ids), id, $"Id {id} at step {t} is outside the vocabulary: ids must be between 0 and {size - 1}.");
        }
        return new SequenceInput(null, ids, size, b);
    }

    /// <summary>x_T … x_1: the same inputs backwards in time (what the backward direction of a
    /// <see cref="Bidirectional"/> layer reads). No values are copied.</summary>
    public SequenceInput Reversed() => _dense is not null
        ? new SequenceInput(_dense.Reverse().ToArray(), null, Size, BatchSize)
        : new SequenceInput(null, _ids!.Reverse().ToArray(), Size, BatchSize);

    /// <summary>x_start … x_{start+length−1}: a window of the sequence (no values are copied).</summary>
    public SequenceInput Slice(int start, int length)
    {
        if (start < 0 || length <= 0 || start + length > Length)
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"Steps {start} … {start + length - 1} are not inside the sequence's {Length} steps (0 … {Length - 1}): give 0 ≤ start and start + length ≤ {Length}, with length ≥ 1.");
        return _dense is not null
            ? new SequenceInput(_dense.Skip(start).Take(length).ToArray(), null, Size, BatchSize)
            : new SequenceInput(null, _ids![start..(start + length)], Size, BatchSize);
    }

    /// <summary>x_t as a D×B matrix (one-hot inputs are built on demand, for display and tests).</summary>
    public Matrix<double> this[int t]
    {
        get
        {
            if (_dense is not null) return _dense[t];
            var x = Matrix<double>.Build.Dense(Size, BatchSize);
            for (int b = 0; b < BatchSize; b++) x[_ids![t][b], b] = 1;
            return x;
        }
    }

    /// <summary>The id of sequence <paramref name="b"/> at step <paramref name="t"/> (one-hot inputs only).</summary>
    public int Id(int t, int b) => _ids is not null ? _ids[t][b] : throw new InvalidOperationException("These inputs are dense, not one-hot ids.");

    /// <summary>W·x_t (an H×B matrix): a product for dense inputs, a column lookup for one-hot ids.</summary>
    internal Matrix<double> Project(Matrix<double> weights, int t)
    {
        if (_dense is not null) return weights * _dense[t];
        int rows = weights.RowCount;
        var w = weights.AsColumnMajorArray();
        var result = Matrix<double>.Build.Dense(rows, BatchSize);
        var r = result.AsColumnMajorArray();
        for (int b = 0; b < BatchSize; b++)   // column b of W·x_t is column ids[t][b] of W
            Array.Copy(w, _ids![t][b] * rows, r, b * rows, rows);
        return result;
    }

    /// <summary>dW += δ·x_tᵀ: an outer-product sum for dense inputs, a column scatter for one-hot ids.</summary>
    internal void AccumulateWeightGradient(Matrix<double> gradient, Matrix<double> delta, int t)
    {
        if (_dense is not null)
        {
            ProductAccumulation.AddProduct(gradient, delta, false, _dense[t], true);
            return;
        }
        int rows = gradient.RowCount;
        var g = gradient.AsColumnMajorArray();
        var d = delta.AsColumnMajorArray();
        for (int b = 0; b < BatchSize; b++)   // δ's column b adds into column ids[t][b] of dW
        {
            int offset = _ids![t][b] * rows;
            for (int i = 0; i < rows; i++) g[offset + i] += d[b * rows + i];
        }
    }

    static string Shape(Matrix<double>? m) => m is null ? "null" : $"{m.RowCount}×{m.ColumnCount}";
}
