using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Cores;
using RnnNotebooks.Recurrent.Fast;
using RnnNotebooks.Training;
using static RnnNotebooks.Tests.Recurrent.FastPathAgreementTests;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Work split over two cores (<see cref="SecondCore"/>): large products by columns, each time step of
/// the fast kernel by hidden units, large parameters' updates and norms by halves. Every split must
/// agree with MathNet or the reference cells to 1e-12 and give the same bits as one thread (training
/// stays deterministic whatever the machine). Odd sizes reach every tail of the vector blocks.
/// </summary>
public class TwoCoreTests
{
    [Theory]
    [InlineData(67, 131, 61)]    // 535,397 multiply-adds: split at column 28
    [InlineData(130, 130, 32)]   // W_h·h of an H = 130 LSTM at B = 32
    [InlineData(65, 128, 25)]    // the output layer at B = 1, T = 25
    public void A_split_product_matches_MathNet_and_the_one_thread_product_bit_for_bit(int m, int k, int n)
    {
        Assert.True((long)m * k * n >= DenseProduct.SplitThreshold);
        var random = new Random(m + k + n);
        Matrix<double> Random(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        var a = Random(m, k); var b = Random(k, n); var bt = Random(n, k); var c = Random(m, n);
        double[] Product(bool twoCores, bool transposed) => OnCores(twoCores, () =>
        {
            var result = c.ToColumnMajorArray();
            if (transposed) DenseProduct.AddProductTransposed(result, a.AsColumnMajorArray(), bt.AsColumnMajorArray(), m, k, n);
            else DenseProduct.AddProduct(result, a.AsColumnMajorArray(), b.AsColumnMajorArray(), m, k, n);
            return result;
        });
        AssertClose(c + a * b, Matrix<double>.Build.Dense(m, n, Product(true, false)), "C + A·B on two cores");
        AssertClose(c + a * bt.Transpose(), Matrix<double>.Build.Dense(m, n, Product(true, true)), "C + A·Bᵀ on two cores");
        Assert.Equal(Product(false, false), Product(true, false));
        Assert.Equal(Product(false, true), Product(true, true));
    }

    [Theory]
    [InlineData(130, 68, 130, 1)]   // the upper half of an H = 130 step at B = 1
    [InlineData(130, 0, 68, 5)]
    [InlineData(13, 4, 13, 3)]      // a block with a 1-row tail
    public void A_block_of_rows_matches_the_same_rows_of_the_whole_product(int h, int r0, int r1, int batch)
    {
        var random = new Random(h + r0 + batch);
        Matrix<double> Random(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        var w = Random(h, h); var x = Random(h, batch); var c = Random(h, batch);
        int rows = r1 - r0;
        var expected = c + w * x;
        var actual = c.ToColumnMajorArray();
        DenseProduct.AddProduct(actual.AsSpan(r0), h, w.AsColumnMajorArray().AsSpan(r0), h, x.AsColumnMajorArray(), rows, h, batch);
        AssertRows(expected, actual, r0, r1, c, "rows of C + W·X");

        expected = c + w.Transpose() * x;                    // columns r0…r1 of W give rows r0…r1 of Wᵀ·X
        actual = c.ToColumnMajorArray();
        DenseProduct.AddTransposedProduct(actual.AsSpan(r0), h, w.AsColumnMajorArray().AsSpan(r0 * h), x.AsColumnMajorArray(), rows, h, batch);
        AssertRows(expected, actual, r0, r1, c, "rows of C + Wᵀ·X");

        var cw = Random(h, h);                               // dW rows r0…r1 += δ rows · Xᵀ, as the weight gradients
        var delta = Random(h, batch);
        expected = cw + delta * x.Transpose();
        actual = cw.ToColumnMajorArray();
        DenseProduct.AddProductTransposed(actual.AsSpan(r0), h, delta.AsColumnMajorArray().AsSpan(r0), h, x.AsColumnMajorArray(), rows, batch, h);
        AssertRows(expected, actual, r0, r1, cw, "rows of dW + δ·Xᵀ");
    }

    static void AssertRows(Matrix<double> expected, double[] actual, int r0, int r1, Matrix<double> untouched, string what)
    {
        var result = Matrix<double>.Build.Dense(expected.RowCount, expected.ColumnCount, actual);
        AssertClose(expected.SubMatrix(r0, r1 - r0, 0, expected.ColumnCount), result.SubMatrix(r0, r1 - r0, 0, expected.ColumnCount), what);
        for (int i = 0; i < expected.RowCount; i++)
            if (i < r0 || i >= r1)
                for (int j = 0; j < expected.ColumnCount; j++)
                    Assert.Equal(untouched[i, j], result[i, j]);   // rows outside the block are not written
    }

    [Theory]
    [InlineData(CellKind.Rnn, 1, 1, null)]
    [InlineData(CellKind.Lstm, 1, 1, null)]
    [InlineData(CellKind.Lstm, 3, 1, null)]
    [InlineData(CellKind.Rnn, 32, 1, null)]
    [InlineData(CellKind.Lstm, 32, 1, null)]
    [InlineData(CellKind.Gru, 1, 1, null)]
    [InlineData(CellKind.Gru, 32, 1, null)]
    [InlineData(CellKind.Lstm, 32, 2, 16)]
    public void The_kernel_on_two_cores_matches_the_reference_and_one_core_bit_for_bit(CellKind cell, int batch, int layers, int? embedding)
    {
        // H = 130: the halves are rows 0…67 and 68…129, so the second has a tail of two rows.
        var window = Windows(batch, seed: 11)[0];
        var fast = new CharLanguageModel(Letters, cell, hiddenSize: 130, layers: layers, embeddingSize: embedding, seed: 4);
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: 130, layers: layers, embeddingSize: embedding, seed: 4) { UseFastPath = false };
        var twoCores = OnCores(true, () => fast.ComputeGradients(window, null));
        AssertAgree(fast, twoCores, reference, reference.ComputeGradients(window, null));
        var gradients = fast.Parameters.Select(p => p.Gradient.ToColumnMajorArray()).ToArray();
        var oneCore = OnCores(false, () => fast.ComputeGradients(window, null));
        Assert.Equal(oneCore.Loss, twoCores.Loss);
        for (int l = 0; l < layers; l++) Assert.Equal(oneCore.HiddenGradientNorms[l], twoCores.HiddenGradientNorms[l]);
        for (int i = 0; i < gradients.Length; i++) Assert.Equal(fast.Parameters[i].Gradient.ToColumnMajorArray(), gradients[i]);
    }

    [Fact]
    public void Adam_and_the_global_norm_give_the_same_bits_on_one_core_or_two()
    {
        // 130 × 65 = 8,450 entries: above UpdateRule.SplitAt, with an odd tail past the vectors.
        (double[] Values, double Norm) Train(bool twoCores) => OnCores(twoCores, () =>
        {
            var random = new Random(3);
            var parameter = new Parameter("W", Matrix<double>.Build.Dense(130, 65, (_, _) => random.NextDouble() - 0.5));
            var adam = new Adam(0.01);
            double norm = 0;
            for (int step = 0; step < 3; step++)
            {
                parameter.Gradient.SetSubMatrix(0, 0, Matrix<double>.Build.Dense(130, 65, (_, _) => random.NextDouble() - 0.5));
                norm = GradientClipping.ByGlobalNorm([parameter], 20).NormBefore;
                adam.Step([parameter]);
            }
            return (parameter.Value.ToColumnMajorArray(), norm);
        });
        Assert.True(130 * 65 >= UpdateRule.SplitAt);
        var (one, oneNorm) = Train(false);
        var (two, twoNorm) = Train(true);
        Assert.Equal(one, two);
        Assert.Equal(oneNorm, twoNorm);
    }

    [Fact]
    public void A_failure_in_the_second_half_reaches_the_caller_and_the_worker_stays_usable()
    {
        var failing = new Halves(fail: 1);
        var error = Assert.Throws<InvalidOperationException>(() => OnCores(true, () => { SecondCore.Run(failing); return 0; }));
        Assert.Equal("half 1 failed", error.Message);
        var fine = new Halves(fail: -1);
        OnCores(true, () => { SecondCore.Run(fine); return 0; });
        Assert.Equal([1, 1], fine.Runs);
    }

    [Fact]
    public void Many_threads_splitting_at_once_each_get_both_halves_exactly_once()
    {
        // Only one split at a time uses the worker; the others (and a split nested in a half) run both halves themselves.
        var work = Enumerable.Range(0, 4).Select(_ => new Halves(fail: -1, nested: true)).ToArray();
        OnCores(true, () =>
        {
            Parallel.For(0, work.Length, i => { for (int r = 0; r < 2000; r++) SecondCore.Run(work[i]); });
            return 0;
        });
        foreach (var w in work) Assert.Equal([2000 * 2, 2000 * 2], w.Runs);   // each half once, plus once nested
    }

    sealed class Halves(int fail, bool nested = false) : IHalves
    {
        public int[] Runs { get; } = new int[2];
        readonly Halves? _inner = nested ? new Halves(-1) : null;

        public void Run(int half)
        {
            if (half == fail) throw new InvalidOperationException($"half {half} failed");
            Interlocked.Increment(ref Runs[half]);
            if (_inner is not null)
            {
                SecondCore.Run(_inner);
                Interlocked.Increment(ref Runs[half]);
            }
        }
    }

    [Theory]
    [InlineData(100, 60, true)]    // two cores save 40 %: split
    [InlineData(100, 103, true)]   // 3 % is noise: a near tie goes to two cores, within the 5 % promised
    [InlineData(100, 106, false)]  // more than 5 % slower: one core
    [InlineData(100, 150, false)]  // slower (a busy or shared second core)
    public void The_split_trial_keeps_two_cores_unless_they_are_more_than_5_percent_slower(long oneCore, long twoCores, bool split)
    {
        var trial = new SplitTrial();
        for (int i = 0; i < SplitTrial.WarmUpRuns; i++) { Assert.False(trial.SplitNext); trial.Record(oneCore); }
        for (int round = 0; round < 6; round++)   // the decision holds for a period, then the next trial decides again
        {
            int decided = Math.Min(SplitTrial.TrialRuns << (round + 1), SplitTrial.DecidedRuns);   // 2,048, 4,096, … 16,384
            for (int i = 0; i < SplitTrial.TrialRuns; i++) { Assert.False(trial.SplitNext); trial.Record(oneCore); }
            for (int i = 0; i < SplitTrial.TrialRuns; i++) { Assert.True(trial.SplitNext); trial.Record(twoCores); }
            for (int i = 0; i < decided; i++) { Assert.Equal(split, trial.SplitNext); trial.Record(split ? twoCores : oneCore); }
        }
        Assert.Equal(split, trial.TwoCoresWon);
    }

    [Fact]
    public void A_slow_start_counts_for_neither_way_and_the_warm_up_lasts_its_runs_and_its_time()
    {
        // The first runs of a model are slow (methods compiled, buffers first touched); they fall in the warm-up,
        // so one core, faster here (100 against 150 a run), wins the first trial.
        var trial = new SplitTrial();
        for (int i = 0; i < SplitTrial.WarmUpRuns; i++) { Assert.False(trial.SplitNext); trial.Record(i < 100 ? 30_000 : 150); }
        for (int i = 0; i < SplitTrial.TrialRuns; i++) { Assert.False(trial.SplitNext); trial.Record(100); }
        for (int i = 0; i < SplitTrial.TrialRuns; i++) { Assert.True(trial.SplitNext); trial.Record(150); }
        Assert.False(trial.TwoCoresWon);
        Assert.False(trial.SplitNext);

        // A warm-up of 10,000 ticks at least: 1,024 runs of 1 tick are not enough, the 10,000th tick ends it.
        var timed = new SplitTrial(warmUpTime: 10_000);
        for (int i = 0; i < 10_000; i++) { Assert.False(timed.SplitNext); timed.Record(1); }
        for (int i = 0; i < SplitTrial.TrialRuns; i++) { Assert.False(timed.SplitNext); timed.Record(100); }
        Assert.True(timed.SplitNext);   // the two-core half of the first trial
    }

    [Theory]
    [InlineData(13, 7)]
    [InlineData(8, 12)]
    [InlineData(11, 130)]
    public void Transpose_swaps_rows_and_columns_at_every_size(int rows, int columns)
    {
        var random = new Random(rows * columns);
        var a = Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble());
        var target = new double[rows * columns];
        DenseProduct.Transpose(a.AsColumnMajorArray(), rows, columns, target);
        Assert.Equal(a.Transpose().ToColumnMajorArray(), target);
    }

    static readonly Lock Switch = new();

    // SecondCore.Policy is process-wide: tests that set it take turns. Two cores means always split
    // (not after a trial), so the split surely happens on a 2-core machine.
    internal static T OnCores<T>(bool two, Func<T> run)
    {
        lock (Switch)
        {
            var before = SecondCore.Policy;
            SecondCore.Policy = two ? SplitPolicy.Always : SplitPolicy.Never;
            try { return run(); }
            finally { SecondCore.Policy = before; }
        }
    }
}
