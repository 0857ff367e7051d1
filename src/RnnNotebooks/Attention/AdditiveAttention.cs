using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// Additive attention (Bahdanau, Cho &amp; Bengio 2015): a query s (the decoder's state) scores every key
/// h_i (the encoder's states) with a one-hidden-layer network, the scores become weights by a softmax,
/// and the context is the weighted average of the keys:
/// <code>
/// e_i = vᵀ tanh(W_q·s + W_k·h_i)      score of key i (A hidden units)
/// α   = softmax(e)                     attention weights, Σ_i α_i = 1
/// c   = Σ_i α_i h_i                    context vector
/// </code>
/// Keys, queries and contexts hold one sequence per column (B of them). <see cref="Remember"/> projects the
/// keys once; <see cref="Attend"/> runs one query; <see cref="Backward(AdditiveAttentionStep, Matrix{double})"/>
/// returns dL/ds and adds the keys' share into the memory; <see cref="Backward(AttentionMemory)"/> then
/// returns dL/dh_i. Parameters: W_q (A×H_q), W_k (A×H_k), v (A×1).
/// </summary>
public sealed class AdditiveAttention : IModel
{
    readonly Parameter _wq, _wk, _v;

    /// <summary>Creates additive attention for queries of size <paramref name="querySize"/> and keys of size <paramref name="keySize"/>.</summary>
    /// <param name="querySize">H_q, the size of a query (the decoder's hidden size).</param>
    /// <param name="keySize">H_k, the size of a key (the encoder's hidden size).</param>
    /// <param name="attentionSize">A, the hidden units of the scoring network.</param>
    /// <param name="seed">Seed of the initial weights, uniform in ±1/√fan-in.</param>
    /// <param name="name">Prefix of the parameter names.</param>
    public AdditiveAttention(int querySize, int keySize, int attentionSize, int seed = 0, string name = "attention.")
    {
        RequirePositive(querySize, nameof(querySize), "the query size H_q (the decoder's hidden size)");
        RequirePositive(keySize, nameof(keySize), "the key size H_k (the encoder's hidden size)");
        RequirePositive(attentionSize, nameof(attentionSize), "the attention size A (e.g. 32)");
        var random = new Random(seed);
        Matrix<double> Uniform(int rows, int columns) =>
            Matrix<double>.Build.Dense(rows, columns, (_, _) => (2 * random.NextDouble() - 1) / Math.Sqrt(columns));
        _wq = new Parameter(name + "W_q", Uniform(attentionSize, querySize));
        _wk = new Parameter(name + "W_k", Uniform(attentionSize, keySize));
        _v = new Parameter(name + "v", Uniform(attentionSize, 1));
        Parameters = [_wq, _wk, _v];
    }

    /// <summary>H_q.</summary>
    public int QuerySize => _wq.Value.ColumnCount;

    /// <summary>H_k: also the size of the context vector.</summary>
    public int KeySize => _wk.Value.ColumnCount;

    /// <summary>A.</summary>
    public int AttentionSize => _v.Value.RowCount;

    /// <summary>W_q, W_k, v.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Projects the keys h_1 … h_n (each H_k×B) once for all the queries that follow. <paramref name="lengths"/>
    /// (optional) gives each sequence's number of keys, for batches of sequences of different lengths.
    /// </summary>
    public AttentionMemory Remember(IReadOnlyList<Matrix<double>> keys, int[]? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            throw new ArgumentException("There are no keys: attention needs at least one encoder state h_i to attend to.", nameof(keys));
        int b = keys[0].ColumnCount;
        for (int i = 0; i < keys.Count; i++)
            if (keys[i] is null || keys[i].RowCount != KeySize || keys[i].ColumnCount != b)
                throw new ArgumentException($"Key h_{i} is {(keys[i] is null ? "null" : $"{keys[i].RowCount}×{keys[i].ColumnCount}")} but every key must be H_k×B = {KeySize}×{b}.", nameof(keys));
        if (lengths is not null)
        {
            if (lengths.Length != b)
                throw new ArgumentException($"There are {lengths.Length} lengths for a batch of {b} sequences: give one length per column.", nameof(lengths));
            for (int j = 0; j < b; j++)
                if (lengths[j] < 1 || lengths[j] > keys.Count)
                    throw new ArgumentOutOfRangeException(nameof(lengths), lengths[j], $"Sequence {j} has length {lengths[j]}, but a length must be between 1 and the {keys.Count} keys (an empty sequence has nothing to attend to).");
        }
        return new AttentionMemory(this, keys, keys.Select(k => _wk.Value * k).ToArray(), lengths?.ToArray());
    }

    /// <summary>One query s (H_q×B): the scores, weights (n×B, a column per sequence) and context (H_k×B).</summary>
    public AdditiveAttentionStep Attend(AttentionMemory memory, Matrix<double> query)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(query);
        if (!ReferenceEquals(memory.Attention, this))
            throw new ArgumentException("This memory was made by a different attention: use this attention's Remember(keys).", nameof(memory));
        if (query.RowCount != QuerySize || query.ColumnCount != memory.BatchSize)
            throw new ArgumentException($"The query is {query.RowCount}×{query.ColumnCount} but must be H_q×B = {QuerySize}×{memory.BatchSize}.", nameof(query));
        int n = memory.Length, batch = memory.BatchSize;
        var projectedQuery = _wq.Value * query;
        var hidden = new Matrix<double>[n];
        var scores = Matrix<double>.Build.Dense(n, batch);
        for (int i = 0; i < n; i++)
        {
            hidden[i] = (projectedQuery + memory.Projected[i]).PointwiseTanh();      // tanh(W_q·s + W_k·h_i)
            var e = _v.Value.TransposeThisAndMultiply(hidden[i]);                   // vᵀ·(…), 1×B
            scores.SetRow(i, e.Row(0));
        }
        var weights = AttentionSoftmax.Weights(scores, Mask(memory));
        var context = Matrix<double>.Build.Dense(KeySize, batch);
        for (int i = 0; i < n; i++) AddScaledColumns(context, weights.Row(i).ToArray(), memory.Keys[i]);
        return new AdditiveAttentionStep(memory, query, hidden, scores, weights, context);
    }

    /// <summary>
    /// Backward through one query, given dL/dc (H_k×B): adds dL/dW_q and dL/dv into the gradients, the keys'
    /// share into the memory (finish with <see cref="Backward(AttentionMemory)"/>), and returns dL/ds.
    /// </summary>
    public Matrix<double> Backward(AdditiveAttentionStep step, Matrix<double> contextGradient)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(contextGradient);
        var memory = step.Memory;
        if (!ReferenceEquals(memory.Attention, this))
            throw new ArgumentException("This step was computed by a different attention: pass the step this attention's Attend returned.", nameof(step));
        if (contextGradient.RowCount != KeySize || contextGradient.ColumnCount != memory.BatchSize)
            throw new ArgumentException($"dL/dc is {contextGradient.RowCount}×{contextGradient.ColumnCount} but the context is H_k×B = {KeySize}×{memory.BatchSize}.", nameof(contextGradient));
        int n = memory.Length, batch = memory.BatchSize;
        // c = Σ α_i h_i: dL/dα_i = h_i · dL/dc (per column) and dL/dh_i += α_i dL/dc.
        var dWeights = Matrix<double>.Build.Dense(n, batch);
        for (int i = 0; i < n; i++)
        {
            dWeights.SetRow(i, ColumnDots(memory.Keys[i], contextGradient));
            AddScaledColumns(memory.KeyGradients[i], step.Weights.Row(i).ToArray(), contextGradient);
        }
        var dScores = AttentionSoftmax.Backward(step.Weights, dWeights);
        // e_i = vᵀ u_i with u_i = tanh(z_i), z_i = W_q·s + W_k·h_i.
        var dProjectedQuery = Matrix<double>.Build.Dense(AttentionSize, batch);
        var v = _v.Value.AsColumnMajorArray();
        var dv = _v.Gradient.AsColumnMajorArray();
        var dq = dProjectedQuery.AsColumnMajorArray();
        for (int i = 0; i < n; i++)
        {
            var u = step.Hidden[i].AsColumnMajorArray();
            var dProjected = memory.ProjectedGradients[i].AsColumnMajorArray();
            for (int b = 0, a = AttentionSize; b < batch; b++)
            {
                double dScore = dScores[i, b];
                for (int r = 0; r < a; r++)
                {
                    int k = b * a + r;
                    dv[r] += u[k] * dScore;                                  // dv += u_i·dL/de_i
                    double dz = v[r] * dScore * (1 - u[k] * u[k]);           // dL/dz_i = v·dL/de_i ⊙ tanh′
                    dq[k] += dz;
                    dProjected[k] += dz;
                }
            }
        }
        _wq.Gradient.Add(dProjectedQuery.TransposeAndMultiply(step.Query), _wq.Gradient);
        return _wq.Value.TransposeThisAndMultiply(dProjectedQuery);
    }

    /// <summary>
    /// After every query's backward pass: adds dL/dW_k and returns dL/dh_1 … dL/dh_n, everything the
    /// queries sent to the keys (directly through c, and through the scores).
    /// </summary>
    public IReadOnlyList<Matrix<double>> Backward(AttentionMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (!ReferenceEquals(memory.Attention, this))
            throw new ArgumentException("This memory was made by a different attention: use this attention's Remember(keys).", nameof(memory));
        var dKeys = new Matrix<double>[memory.Length];
        for (int i = 0; i < memory.Length; i++)
        {
            _wk.Gradient.Add(memory.ProjectedGradients[i].TransposeAndMultiply(memory.Keys[i]), _wk.Gradient);
            dKeys[i] = memory.KeyGradients[i] + _wk.Value.TransposeThisAndMultiply(memory.ProjectedGradients[i]);
        }
        return dKeys;
    }

    /// <summary>target[:, b] += scale[b]·source[:, b] for every column b.</summary>
    static void AddScaledColumns(Matrix<double> target, double[] scale, Matrix<double> source)
    {
        var t = target.AsColumnMajorArray();
        var s = source.AsColumnMajorArray() ?? source.ToColumnMajorArray();
        for (int b = 0, rows = target.RowCount; b < scale.Length; b++)
            if (scale[b] != 0)
                for (int r = 0; r < rows; r++) t[b * rows + r] += scale[b] * s[b * rows + r];
    }

    /// <summary>The dot product of column b of x with column b of y, for every b.</summary>
    static double[] ColumnDots(Matrix<double> x, Matrix<double> y)
    {
        var xs = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var ys = y.AsColumnMajorArray() ?? y.ToColumnMajorArray();
        var dots = new double[x.ColumnCount];
        for (int b = 0, rows = x.RowCount; b < dots.Length; b++)
            for (int r = 0; r < rows; r++) dots[b] += xs[b * rows + r] * ys[b * rows + r];
        return dots;
    }

    static bool[,]? Mask(AttentionMemory memory)
    {
        if (memory.Lengths is null) return null;
        var allowed = new bool[memory.Length, memory.BatchSize];
        for (int i = 0; i < memory.Length; i++)
            for (int b = 0; b < memory.BatchSize; b++) allowed[i, b] = memory.Visible(i, b);
        return allowed;
    }

    static void RequirePositive(int value, string name, string what)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be positive.");
    }
}
