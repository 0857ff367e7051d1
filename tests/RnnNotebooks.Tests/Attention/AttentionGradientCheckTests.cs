using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Attention;
using RnnNotebooks.Layers;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Attention;

/// <summary>
/// Every attention layer and model against centred finite differences (float64, relative error below
/// 1e-6): the parameters, and the inputs (queries, keys, values) made parameters for the check. The loss
/// is a random weighting of every output, so every entry's gradient is exercised.
/// </summary>
public class AttentionGradientCheckTests(ITestOutputHelper output)
{
    static Matrix<double> Random(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => 2 * random.NextDouble() - 1);

    static double Weighted(Matrix<double> m, Matrix<double> weights) => m.PointwiseMultiply(weights).Enumerate().Sum();

    void AssertPasses(GradientCheckReport report)
    {
        foreach (var p in report.Parameters) output.WriteLine($"{p.Name}: {p.RelativeError:E2} (|g| {p.AnalyticNorm:E2})");
        Assert.True(report.Passed, string.Join(", ", report.Parameters.Where(p => !p.Passed).Select(p => $"{p.Name} {p.RelativeError:E2}")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Additive_attention_over_several_queries_matches_finite_differences(bool withLengths)
    {
        var random = new Random(3);
        int hq = 4, hk = 5, n = 6, batch = 3, queriesCount = 3;
        var attention = new AdditiveAttention(hq, hk, attentionSize: 7, seed: 2);
        var keys = Enumerable.Range(0, n).Select(i => new Parameter($"h{i}", Random(random, hk, batch))).ToArray();
        var queries = Enumerable.Range(0, queriesCount).Select(t => new Parameter($"s{t}", Random(random, hq, batch))).ToArray();
        var weights = queries.Select(_ => Random(random, hk, batch)).ToArray();
        int[]? lengths = withLengths ? [6, 2, 4] : null;
        double Loss()
        {
            var memory = attention.Remember([.. keys.Select(k => k.Value)], lengths);
            return queries.Select((q, t) => Weighted(attention.Attend(memory, q.Value).Context, weights[t])).Sum();
        }
        var all = attention.Parameters.Concat(keys).Concat(queries).ToList();
        foreach (var p in all) p.ZeroGradient();
        var memory = attention.Remember([.. keys.Select(k => k.Value)], lengths);
        for (int t = 0; t < queriesCount; t++)
            queries[t].Gradient.SetSubMatrix(0, 0, attention.Backward(attention.Attend(memory, queries[t].Value), weights[t]));
        var dKeys = attention.Backward(memory);
        for (int i = 0; i < n; i++) keys[i].Gradient.SetSubMatrix(0, 0, dKeys[i]);
        AssertPasses(GradientCheck.Run(all, Loss));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Scaled_dot_product_attention_matches_finite_differences(bool causal, bool scaled)
    {
        var random = new Random(5);
        int d = 4, dv = 3, n = 5;
        var q = new Parameter("Q", Random(random, d, n));
        var k = new Parameter("K", Random(random, d, n));
        var v = new Parameter("V", Random(random, dv, n));
        var weights = Random(random, dv, n);
        var mask = causal ? CausalMask.Of(n) : null;
        double Loss() => Weighted(ScaledDotProductAttention.Forward(q.Value, k.Value, v.Value, mask, scaled).Output, weights);
        var (dq, dk, dvalues) = ScaledDotProductAttention.Backward(ScaledDotProductAttention.Forward(q.Value, k.Value, v.Value, mask, scaled), weights);
        q.Gradient.SetSubMatrix(0, 0, dq);
        k.Gradient.SetSubMatrix(0, 0, dk);
        v.Gradient.SetSubMatrix(0, 0, dvalues);
        AssertPasses(GradientCheck.Run([q, k, v], Loss));
    }

    [Fact]
    public void Causal_self_attention_with_its_residual_through_the_layer_contract_matches_finite_differences()
    {
        var random = new Random(7);
        int d = 4, length = 5, batch = 2;
        var layer = new CausalSelfAttention(d, new Random(1));
        var x = Enumerable.Range(0, length).Select(t => new Parameter($"x{t}", Random(random, d, batch))).ToArray();
        var weights = x.Select(_ => Random(random, d, batch)).ToArray();
        LayerTrace Run() => layer.Forward(SequenceInput.Dense([.. x.Select(p => p.Value)]));
        double Loss() => Run().Outputs.Select((y, t) => Weighted(y, weights[t])).Sum();
        var all = layer.Parameters.Concat(x).ToList();
        foreach (var p in all) p.ZeroGradient();
        var dX = layer.Backward(Run(), weights).Inputs!;
        for (int t = 0; t < length; t++) x[t].Gradient.SetSubMatrix(0, 0, dX[t]);
        AssertPasses(GradientCheck.Run(all, Loss));
    }

    [Fact]
    public void Causal_self_attention_never_looks_ahead()
    {
        var random = new Random(9);
        var layer = new CausalSelfAttention(3, new Random(2));
        var x = Enumerable.Range(0, 4).Select(_ => Random(random, 3, 1)).ToArray();
        var before = layer.Forward(SequenceInput.Dense(x)).Outputs;
        x[3] = Random(random, 3, 1);                                  // change the last position only
        var after = layer.Forward(SequenceInput.Dense(x)).Outputs;
        for (int t = 0; t < 3; t++) Assert.True((before[t] - after[t]).FrobeniusNorm() == 0, $"position {t} changed when a later one did");
        Assert.True((before[3] - after[3]).FrobeniusNorm() > 0);
    }

    static (int[][] Sources, int[][] Targets) Batch()
    {
        var random = new Random(11);
        int[][] sources = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 4).Select(_ => random.Next(5)).ToArray())];
        return (sources, [.. sources.Select(s => s.Reverse().ToArray())]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_encoder_decoder_matches_finite_differences(bool attention)
    {
        var model = new Seq2Seq(vocabularySize: 7, hiddenSize: 5, attention, startId: 5, endId: 6, seed: 3);
        // At initialisation the query barely moves the scores, so dL/dW_q is small (about 1e-5) and the default
        // step's rounding noise (about 1e-11 in each difference) is near 1e-6 of it: sharpen the attention, and
        // take a step of 1e-4, whose truncation error (of order ε²) is still far below the tolerance.
        foreach (var p in model.Attention?.Attention.Parameters ?? []) p.Value.MapInplace(w => 6 * w);
        var (sources, targets) = Batch();
        foreach (var p in model.Parameters) p.ZeroGradient();
        model.Loss(sources, targets, backward: true);
        AssertPasses(GradientCheck.Run(model.Parameters, () => model.Loss(sources, targets), epsilon: 1e-4, entriesPerParameter: 8, seed: 1));
    }

    [Fact]
    public void The_self_attention_model_matches_finite_differences()
    {
        var model = new SelfAttentionModel(vocabularySize: 7, modelSize: 6, feedForwardSize: 8, maxLength: 5, startId: 5, endId: 6, seed: 3);
        var (sources, targets) = Batch();
        foreach (var p in model.Parameters) p.ZeroGradient();
        model.Loss(sources, targets, backward: true);
        AssertPasses(GradientCheck.Run(model.Parameters, () => model.Loss(sources, targets), entriesPerParameter: 10, seed: 1));
    }

    [Fact]
    public void The_attention_layer_through_the_layer_contract_matches_finite_differences()
    {
        var random = new Random(13);
        int hq = 4, hk = 3, n = 5, T = 3, batch = 2;
        var layer = new AttentionLayer(hq, hk, attentionSize: 6, outputSize: 4, seed: 2);
        foreach (var p in layer.Attention.Parameters) p.Value.MapInplace(w => 4 * w);      // scores that depend on the query
        var keys = Enumerable.Range(0, n).Select(i => new Parameter($"h{i}", Random(random, hk, batch))).ToArray();
        var queries = Enumerable.Range(0, T).Select(t => new Parameter($"s{t}", Random(random, hq, batch))).ToArray();
        var weights = queries.Select(_ => Random(random, 4, batch)).ToArray();
        LayerTrace Run() => layer.Forward(SequenceInput.Dense([.. queries.Select(q => q.Value)]), new AttendedStates([.. keys.Select(k => k.Value)]));
        double Loss() => Run().Outputs.Select((y, t) => Weighted(y, weights[t])).Sum();
        var all = layer.Parameters.Concat(keys).Concat(queries).ToList();
        foreach (var p in all) p.ZeroGradient();
        var gradients = layer.Backward(Run(), weights);
        for (int t = 0; t < T; t++) queries[t].Gradient.SetSubMatrix(0, 0, gradients.Inputs![t]);
        var dKeys = ((AttendedStates)gradients.InitialStateGradient!).States;
        for (int i = 0; i < n; i++) keys[i].Gradient.SetSubMatrix(0, 0, dKeys[i]);
        AssertPasses(GradientCheck.Run(all, Loss));
    }

    [Fact]
    public void Additive_attention_agrees_with_its_equations_written_out_one_sequence_at_a_time()
    {
        var random = new Random(17);
        var attention = new AdditiveAttention(querySize: 3, keySize: 4, attentionSize: 5, seed: 4);
        var keys = Enumerable.Range(0, 6).Select(_ => Random(random, 4, 2)).ToArray();
        var query = Random(random, 3, 2);
        var step = attention.Attend(attention.Remember(keys), query);
        var (wq, wk, v) = (attention.Parameters[0].Value, attention.Parameters[1].Value, attention.Parameters[2].Value.Column(0));
        for (int b = 0; b < 2; b++)
        {
            // e_i = vᵀ tanh(W_q s + W_k h_i), α = softmax(e), c = Σ α_i h_i, for sequence b alone.
            var e = keys.Select(h => v * (wq * query.Column(b) + wk * h.Column(b)).PointwiseTanh()).ToArray();
            var alpha = e.Select(x => Math.Exp(x)).ToArray();
            double sum = alpha.Sum();
            var context = keys.Select((h, i) => alpha[i] / sum * h.Column(b)).Aggregate((x, y) => x + y);
            for (int i = 0; i < keys.Length; i++) Assert.Equal(alpha[i] / sum, step.Weights[i, b], 12);
            Assert.True((context - step.Context.Column(b)).AbsoluteMaximum() < 1e-12);
        }
    }

    [Fact]
    public void Bad_input_is_refused_with_a_message_that_names_the_problem()
    {
        var layer = new AttentionLayer(4, 3, 5, 4);
        var queries = SequenceInput.Dense([Matrix<double>.Build.Dense(4, 2)]);
        Assert.Contains("AttendedStates", Assert.Throws<ArgumentException>(() => layer.Forward(queries)).Message);
        Assert.Contains("same batch", Assert.Throws<ArgumentException>(() => layer.Forward(queries, new AttendedStates([Matrix<double>.Build.Dense(3, 5)]))).Message);
        Assert.Contains("no keys", Assert.Throws<ArgumentException>(() => layer.Forward(queries, new AttendedStates([]))).Message);
        Assert.Contains("H_k×B", Assert.Throws<ArgumentException>(() => layer.Forward(queries, new AttendedStates([Matrix<double>.Build.Dense(2, 2)]))).Message);
        Assert.Contains("no key at all", Assert.Throws<ArgumentException>(() => AttentionSoftmax.Weights(Matrix<double>.Build.Dense(2, 2), new bool[2, 2])).Message);
        var model = new Seq2Seq(vocabularySize: 5, hiddenSize: 3, attention: true, startId: 3, endId: 4);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => model.Loss([[]], [[1]])).Message);
        Assert.Contains("one length", Assert.Throws<ArgumentException>(() => model.Loss([[1, 2], [1]], [[1], [2]])).Message);
        Assert.Contains("outside the vocabulary", Assert.Throws<ArgumentOutOfRangeException>(() => model.Loss([[7]], [[1]])).Message);
        Assert.Contains("one target per source", Assert.Throws<ArgumentException>(() => model.Loss([[1], [2]], [[1]])).Message);
    }

    [Fact]
    public void The_attention_weights_of_the_encoder_decoder_are_a_distribution_per_output_step()
    {
        var model = new Seq2Seq(vocabularySize: 5, hiddenSize: 3, attention: true, startId: 3, endId: 4, seed: 1);
        var weights = model.AttentionWeights([0, 1, 2, 1], [1, 2]);
        Assert.Equal((4, 3), (weights.RowCount, weights.ColumnCount));
        foreach (var column in weights.EnumerateColumns()) Assert.Equal(1, column.Sum(), 12);
    }
}
