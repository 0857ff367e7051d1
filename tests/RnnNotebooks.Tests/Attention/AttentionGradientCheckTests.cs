using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Attention;
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
    public void Causal_self_attention_with_its_residual_matches_finite_differences()
    {
        var random = new Random(7);
        int d = 4, length = 5, batch = 2;
        var layer = new CausalSelfAttention(d, new Random(1));
        var x = new Parameter("X", Random(random, d, length * batch));
        var weights = Random(random, d, length * batch);
        double Loss() => Weighted(layer.Forward(x.Value, length), weights);
        var all = layer.Parameters.Append(x).ToList();
        foreach (var p in all) p.ZeroGradient();
        layer.Forward(x.Value, length);
        x.Gradient.SetSubMatrix(0, 0, layer.Backward(weights));
        AssertPasses(GradientCheck.Run(all, Loss));
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
        // At initialisation the query barely moves the scores, and dL/dW_q (about 1e-6) would drown in the
        // finite differences' rounding noise: sharpen the attention first.
        foreach (var p in model.Attention?.Parameters ?? []) p.Value.MapInplace(w => 6 * w);
        var (sources, targets) = Batch();
        foreach (var p in model.Parameters) p.ZeroGradient();
        model.Loss(sources, targets, backward: true);
        AssertPasses(GradientCheck.Run(model.Parameters, () => model.Loss(sources, targets), entriesPerParameter: 8, seed: 1));
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
}
