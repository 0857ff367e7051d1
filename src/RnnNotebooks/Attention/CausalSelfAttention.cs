using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;
using RnnNotebooks.Training;

namespace RnnNotebooks.Attention;

/// <summary>
/// One head of causal self-attention with its residual connection, the core of a Transformer decoder:
/// every position of a sequence X (d×T, one position per column) makes a query, a key and a value, and
/// attends to itself and the positions before it:
/// <code>
/// Q = W_q·X + b_q,  K = W_k·X,  V = W_v·X + b_v
/// Y = X + W_o·(V·softmax(KᵀQ/√d, causal)) + b_o
/// </code>
/// All T positions are computed at once (matrix products), where a recurrent layer must go step by step.
/// A batch is B sequences of one length T side by side: columns b·T … b·T+T−1 are sequence b. Like
/// <see cref="DenseLayer"/>, <see cref="Forward"/> remembers what <see cref="Backward"/> needs.
/// </summary>
public sealed class CausalSelfAttention : IModel
{
    readonly DenseLayer _query, _key, _value, _output;
    DotProductAttentionTrace[]? _traces;
    int _length;

    /// <summary>Creates the layer for positions of size <paramref name="modelSize"/> (d).</summary>
    /// <param name="modelSize">d: the size of each position's vector, and of its query, key and value.</param>
    /// <param name="random">Seeded source of the initial weights, N(0, 1/d).</param>
    /// <param name="name">Suffix of the parameter names.</param>
    public CausalSelfAttention(int modelSize, Random random, string name = "")
    {
        ArgumentNullException.ThrowIfNull(random);
        if (modelSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(modelSize), modelSize, "The model size d must be positive (e.g. 32).");
        _query = new DenseLayer(modelSize, modelSize, Activation.Identity, random, "_q" + name);
        _key = new DenseLayer(modelSize, modelSize, Activation.Identity, random, "_k" + name);
        _value = new DenseLayer(modelSize, modelSize, Activation.Identity, random, "_v" + name);
        _output = new DenseLayer(modelSize, modelSize, Activation.Identity, random, "_o" + name);
        // No key bias: it would add qᵀb_k to every score of query q alike, which the softmax cancels, so
        // its gradient is always 0. The layer's b_k stays at zero, outside the trained parameters.
        Parameters = [.. _query.Parameters, _key.Weights, .. _value.Parameters, .. _output.Parameters];
    }

    /// <summary>d.</summary>
    public int ModelSize => _query.InputSize;

    /// <summary>W_q, b_q, W_k, W_v, b_v, W_o, b_o.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Y = X + attention(X) for B sequences of <paramref name="length"/> positions (X is d×(B·T)).</summary>
    public Matrix<double> Forward(Matrix<double> inputs, int length)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (length <= 0 || inputs.ColumnCount == 0 || inputs.ColumnCount % length != 0)
            throw new ArgumentException($"The inputs have {inputs.ColumnCount} columns, which is not B sequences of {length} positions: give d×(B·T) with T ≥ 1.", nameof(length));
        if (inputs.RowCount != ModelSize)
            throw new ArgumentException($"Each position must be a vector of size d = {ModelSize}; got {inputs.RowCount} rows.", nameof(inputs));
        var q = _query.Forward(inputs);
        var k = _key.Forward(inputs);
        var v = _value.Forward(inputs);
        var mask = CausalMask.Of(length);
        int batch = inputs.ColumnCount / length;
        _traces = new DotProductAttentionTrace[batch];
        var attended = Matrix<double>.Build.Dense(ModelSize, inputs.ColumnCount);
        for (int b = 0; b < batch; b++)
        {
            _traces[b] = ScaledDotProductAttention.Forward(Columns(q, b, length), Columns(k, b, length), Columns(v, b, length), mask);
            attended.SetSubMatrix(0, b * length, _traces[b].Output);
        }
        _length = length;
        return inputs + _output.Forward(attended);
    }

    /// <summary>Given dL/dY, adds every parameter's gradient and returns dL/dX (the residual path included).</summary>
    public Matrix<double> Backward(Matrix<double> outputGradient)
    {
        if (_traces is null)
            throw new InvalidOperationException("Backward needs a forward pass: call Forward(inputs, length) first.");
        ArgumentNullException.ThrowIfNull(outputGradient);
        var dAttended = _output.Backward(outputGradient);
        var dq = Matrix<double>.Build.Dense(ModelSize, dAttended.ColumnCount);
        var dk = dq.Clone();
        var dv = dq.Clone();
        for (int b = 0; b < _traces.Length; b++)
        {
            var (dQuery, dKey, dValue) = ScaledDotProductAttention.Backward(_traces[b], Columns(dAttended, b, _length));
            dq.SetSubMatrix(0, b * _length, dQuery);
            dk.SetSubMatrix(0, b * _length, dKey);
            dv.SetSubMatrix(0, b * _length, dValue);
        }
        return outputGradient + _query.Backward(dq) + _key.Backward(dk) + _value.Backward(dv);
    }

    /// <summary>The attention weights of sequence <paramref name="b"/> in the last forward pass: T×T, column j is where position j looked.</summary>
    public Matrix<double> Weights(int b) =>
        _traces is null ? throw new InvalidOperationException("There are no weights yet: call Forward first.") : _traces[b].Weights;

    static Matrix<double> Columns(Matrix<double> m, int b, int length) => m.SubMatrix(0, m.RowCount, b * length, length);
}
