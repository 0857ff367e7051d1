using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Recurrent.Fast;
using static RnnNotebooks.Tests.Recurrent.FastPathAgreementTests;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Products of at least <see cref="DenseProduct.SplitThreshold"/> multiply-adds run half their columns
/// on <see cref="SecondCore"/>: the result must equal MathNet's to 1e-12 and be bit-identical to the
/// one-thread result (each thread owns whole columns, summed in the same order), so training stays
/// deterministic. Odd sizes reach every tail of the 12×4 block.
/// </summary>
public class TwoThreadProductTests
{
    [Theory]
    [InlineData(67, 131, 61)]    // 535,397 multiply-adds: split at column 28
    [InlineData(130, 130, 32)]   // W_h·h of an H = 130 LSTM at B = 32
    public void A_split_product_matches_MathNet_and_the_one_thread_product_bit_for_bit(int m, int k, int n)
    {
        Assert.True((long)m * k * n >= DenseProduct.SplitThreshold);
        var random = new Random(m + k + n);
        Matrix<double> Random(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        var a = Random(m, k); var b = Random(k, n); var bt = Random(n, k); var c = Random(m, n);
        double[] Product(bool twoThreads, bool transposed) => OnThreads(twoThreads, () =>
        {
            var result = c.ToColumnMajorArray();
            if (transposed) DenseProduct.AddProductTransposed(result, a.AsColumnMajorArray(), bt.AsColumnMajorArray(), m, k, n);
            else DenseProduct.AddProduct(result, a.AsColumnMajorArray(), b.AsColumnMajorArray(), m, k, n);
            return result;
        });
        AssertClose(c + a * b, Matrix<double>.Build.Dense(m, n, Product(true, false)), "C + A·B on two threads");
        AssertClose(c + a * bt.Transpose(), Matrix<double>.Build.Dense(m, n, Product(true, true)), "C + A·Bᵀ on two threads");
        Assert.Equal(Product(false, false), Product(true, false));
        Assert.Equal(Product(false, true), Product(true, true));
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    public void A_batch_of_32_on_two_threads_matches_the_reference_and_repeats_exactly(CellKind cell)
    {
        // H = 130, B = 32: the recurrent products (130·130·32 multiply-adds) and the weight gradients split.
        var window = Windows(32, seed: 11)[0];
        var fast = new CharLanguageModel(Letters, cell, hiddenSize: 130, seed: 4);
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: 130, seed: 4) { UseFastPath = false };
        var twoThreads = OnThreads(true, () => fast.ComputeGradients(window, null));
        AssertAgree(fast, twoThreads, reference, reference.ComputeGradients(window, null));
        var gradients = fast.Parameters.Select(p => p.Gradient.ToColumnMajorArray()).ToArray();
        var oneThread = OnThreads(false, () => fast.ComputeGradients(window, null));
        Assert.Equal(oneThread.Loss, twoThreads.Loss);
        for (int i = 0; i < gradients.Length; i++) Assert.Equal(fast.Parameters[i].Gradient.ToColumnMajorArray(), gradients[i]);
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

    static T OnThreads<T>(bool two, Func<T> run)
    {
        bool before = SecondCore.Enabled;
        SecondCore.Enabled = two && Environment.ProcessorCount > 1;
        try { return run(); }
        finally { SecondCore.Enabled = before; }
    }
}
