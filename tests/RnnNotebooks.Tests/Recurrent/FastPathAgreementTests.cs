using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Recurrent.Fast;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The fast path of <see cref="CharLanguageModel.ComputeGradients(TextWindow)"/> (Recurrent/Fast) against
/// the readable reference cells: loss, ‖dL/dh_t‖, every gradient and the carried state agree to 1e-12.
/// Odd sizes (H = 13, V = 11) reach every tail of the vectorised product.
/// </summary>
public class FastPathAgreementTests
{
    internal static readonly Vocabulary Letters = new("abcdefghij ");

    [Theory]
    [InlineData(CellKind.Rnn, RnnActivation.Tanh, 1, 1, null)]
    [InlineData(CellKind.Rnn, RnnActivation.Tanh, 5, 1, null)]
    [InlineData(CellKind.Rnn, RnnActivation.Relu, 3, 1, null)]
    [InlineData(CellKind.Lstm, RnnActivation.Tanh, 1, 1, null)]
    [InlineData(CellKind.Lstm, RnnActivation.Tanh, 5, 1, null)]
    [InlineData(CellKind.Gru, RnnActivation.Tanh, 1, 1, null)]
    [InlineData(CellKind.Gru, RnnActivation.Tanh, 5, 1, null)]
    [InlineData(CellKind.Rnn, RnnActivation.Tanh, 4, 2, null)]     // stacked: the upper layer reads dense h
    [InlineData(CellKind.Lstm, RnnActivation.Tanh, 1, 3, null)]
    [InlineData(CellKind.Gru, RnnActivation.Tanh, 5, 2, null)]
    [InlineData(CellKind.Lstm, RnnActivation.Tanh, 3, 1, 5)]       // an embedding: dense input at the bottom
    [InlineData(CellKind.Gru, RnnActivation.Tanh, 1, 1, 5)]
    [InlineData(CellKind.Lstm, RnnActivation.Tanh, 4, 2, 6)]
    public void Fast_path_matches_the_reference_over_carried_windows(CellKind cell, RnnActivation activation, int batch, int layers, int? embedding)
    {
        var windows = Windows(batch, seed: 3);
        var fast = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, embeddingSize: embedding, seed: 2, activation: activation);
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, embeddingSize: embedding, seed: 2, activation: activation) { UseFastPath = false };
        Assert.True(fast.HasFastPath);
        for (int w = 0; w < 3; w++)   // three windows: the carried state must agree too
        {
            var a = fast.ComputeGradients(windows[w]);
            var b = reference.ComputeGradients(windows[w]);
            AssertAgree(fast, a, reference, b);
            for (int l = 0; l < layers; l++)
            {
                AssertClose(reference.State![l].Hidden, fast.State![l].Hidden, $"layer {l + 1}'s carried h");
                if (cell == CellKind.Lstm) AssertClose(reference.State[l].Cell!, fast.State[l].Cell!, $"layer {l + 1}'s carried c");
            }
        }
    }

    [Theory]
    [InlineData(CellKind.Rnn, 1)]
    [InlineData(CellKind.Lstm, 1)]
    [InlineData(CellKind.Gru, 1)]
    [InlineData(CellKind.Lstm, 2)]
    public void Fast_path_matches_the_reference_from_a_given_state(CellKind cell, int layers)
    {
        var window = Windows(4, seed: 8)[0];
        var state = RandomState(cell, batch: 4, layers, seed: 5);
        var fast = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, seed: 9);
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, seed: 9) { UseFastPath = false };
        AssertAgree(fast, fast.ComputeGradients(window, state), reference, reference.ComputeGradients(window, state));
        Assert.Null(fast.State);   // a given state is not carried
    }

    [Theory]
    [InlineData(CellKind.Rnn, 1, null)]
    [InlineData(CellKind.Lstm, 1, null)]
    [InlineData(CellKind.Gru, 1, null)]
    [InlineData(CellKind.Gru, 2, 4)]
    public void The_loss_on_the_fast_path_matches_the_reference_and_leaves_every_gradient_alone(CellKind cell, int layers, int? embedding)
    {
        var window = Windows(4, seed: 11)[0];
        var state = RandomState(cell, batch: 4, layers, seed: 12);
        var fast = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, embeddingSize: embedding, seed: 4);
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: 13, layers: layers, embeddingSize: embedding, seed: 4) { UseFastPath = false };
        fast.ComputeGradients(window);   // gradients a caller may still want to apply
        var gradients = fast.Parameters.Select(p => p.Gradient.Clone()).ToList();

        Assert.Equal(reference.Loss(window, state), fast.Loss(window, state), 1e-12);
        Assert.Equal(reference.Loss(window), fast.Loss(window), 1e-12);
        // A text of several windows of 100, the state carried from one to the next, and a short last one.
        string text = string.Concat(Enumerable.Range(0, 257).Select(i => Letters[(i * 7 + i / 5) % Letters.Size]));
        Assert.Equal(reference.Loss(text), fast.Loss(text), 1e-12);
        for (int p = 0; p < gradients.Count; p++) AssertClose(gradients[p], fast.Parameters[p].Gradient, $"{fast.Parameters[p].Name}'s gradient after Loss");
    }

    [Fact]
    public void Switching_paths_mid_training_carries_the_state_across()
    {
        var windows = Windows(2, seed: 4);
        var mixed = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 13, layers: 2, seed: 1);
        var reference = new CharLanguageModel(Letters, CellKind.Lstm, hiddenSize: 13, layers: 2, seed: 1) { UseFastPath = false };
        mixed.ComputeGradients(windows[0]);
        reference.ComputeGradients(windows[0]);
        mixed.UseFastPath = false;
        mixed.ComputeGradients(windows[1]);
        reference.ComputeGradients(windows[1]);
        mixed.UseFastPath = true;
        AssertAgree(mixed, mixed.ComputeGradients(windows[2]), reference, reference.ComputeGradients(windows[2]));
    }

    [Theory]
    [InlineData(CellKind.Rnn, 13, 3, 1, null, FloatPrecision.Float64)]
    [InlineData(CellKind.Lstm, 13, 3, 1, null, FloatPrecision.Float64)]
    [InlineData(CellKind.Lstm, 130, 1, 1, null, FloatPrecision.Float64)]    // every time step split over two cores (TwoCoreTests)
    [InlineData(CellKind.Lstm, 130, 32, 1, null, FloatPrecision.Float64)]   // and the products too
    [InlineData(CellKind.Gru, 130, 1, 1, null, FloatPrecision.Float64)]     // two hand-overs a step
    [InlineData(CellKind.Gru, 130, 32, 1, null, FloatPrecision.Float64)]
    [InlineData(CellKind.Lstm, 130, 32, 2, null, FloatPrecision.Float64)]   // stacked
    [InlineData(CellKind.Lstm, 64, 32, 1, 16, FloatPrecision.Float64)]      // an embedding
    [InlineData(CellKind.Lstm, 130, 1, 1, null, FloatPrecision.Float32)]
    [InlineData(CellKind.Lstm, 130, 32, 1, null, FloatPrecision.Float32)]
    [InlineData(CellKind.Gru, 130, 32, 2, 16, FloatPrecision.Float32)]
    public void A_fast_training_step_allocates_under_one_kilobyte_once_warm(CellKind cell, int hidden, int batch, int layers, int? embedding, FloatPrecision precision)
    {
        var window = Windows(batch, seed: 6)[0];
        var model = new CharLanguageModel(Letters, cell, hiddenSize: hidden, layers: layers, embeddingSize: embedding, seed: 2) { Precision = precision };
        model.ComputeGradients(window);   // first step sizes the buffers
        TwoCoreTests.OnCores(true, () => model.ComputeGradients(window));   // the second core's worker starts at its first split
        model.ComputeGradients(window);
        // The median of five steps: a one-off event on this thread (the runtime growing its own per-thread storage
        // while other tests run beside this one) is not the steady state; a step that allocates every time still fails.
        var bytes = new long[5];
        for (int i = 0; i < bytes.Length; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.ComputeGradients(window);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.InRange(bytes.Order().ElementAt(2), 1, 1023);   // only the BackwardResult and its ‖dL/dh_t‖ arrays
    }

    [Theory]
    [InlineData(13, 7, 6)]
    [InlineData(8, 3, 4)]
    [InlineData(21, 16, 1)]
    public void Dense_product_matches_MathNet(int m, int k, int n)
    {
        var random = new Random(m * 100 + k * 10 + n);
        Matrix<double> Random(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() - 0.5);
        var a = Random(m, k); var b = Random(k, n); var bt = Random(n, k); var c = Random(m, n);
        var product = c.Clone().AsColumnMajorArray();
        DenseProduct.AddProduct(product, a.AsColumnMajorArray(), b.AsColumnMajorArray(), m, k, n);
        AssertClose(c + a * b, Matrix<double>.Build.Dense(m, n, product), "C + A·B");
        var transposed = c.Clone().AsColumnMajorArray();
        DenseProduct.AddProductTransposed(transposed, a.AsColumnMajorArray(), bt.AsColumnMajorArray(), m, k, n);
        AssertClose(c + a * bt.Transpose(), Matrix<double>.Build.Dense(m, n, transposed), "C + A·Bᵀ");
        var at = Random(k, m);
        var transposedA = c.Clone().AsColumnMajorArray();
        DenseProduct.AddTransposedProduct(transposedA, at.AsColumnMajorArray(), b.AsColumnMajorArray(), m, k, n);
        AssertClose(c + at.Transpose() * b, Matrix<double>.Build.Dense(m, n, transposedA), "C + Aᵀ·B");
    }

    /// <summary>A carried-in state of H = 13 units per layer for <paramref name="batch"/> sequences, uniform in [−0.5, 0.5).</summary>
    static RecurrentState[] RandomState(CellKind cell, int batch, int layers, int seed)
    {
        var random = new Random(seed);
        Matrix<double> Random() => Matrix<double>.Build.Dense(13, batch, (_, _) => random.NextDouble() - 0.5);
        return [.. Enumerable.Range(0, layers).Select(_ => new RecurrentState(Random(), cell == CellKind.Lstm ? Random() : null))];
    }

    internal static IReadOnlyList<TextWindow> Windows(int batch, int seed)
    {
        var random = new Random(seed);
        var text = new string(Enumerable.Range(0, 4 * 7 * batch + 1).Select(_ => Letters[random.Next(Letters.Size)]).ToArray());
        var windows = TextWindows.Cut(text, Letters, windowLength: 7, batchSize: batch);
        Assert.True(windows.Count >= 3);
        return windows;
    }

    internal static void AssertAgree(CharLanguageModel fast, BackwardResult a, CharLanguageModel reference, BackwardResult b)
    {
        Assert.True(Math.Abs(a.Loss - b.Loss) <= 1e-12 * Math.Abs(b.Loss), $"loss {a.Loss} vs {b.Loss}");
        Assert.Equal(b.HiddenGradientNorms.Count, a.HiddenGradientNorms.Count);
        for (int l = 0; l < b.HiddenGradientNorms.Count; l++)
            AssertClose(Vector<double>.Build.Dense(b.HiddenGradientNorms[l]), Vector<double>.Build.Dense(a.HiddenGradientNorms[l]), $"layer {l + 1}'s ‖dL/dh_t‖");
        for (int i = 0; i < fast.Parameters.Count; i++)
        {
            Assert.True(reference.Parameters[i].Gradient.FrobeniusNorm() > 0, $"{reference.Parameters[i].Name} has a zero gradient");
            AssertClose(reference.Parameters[i].Gradient, fast.Parameters[i].Gradient, fast.Parameters[i].Name);
        }
    }

    internal static void AssertClose(Matrix<double> expected, Matrix<double> actual, string what) =>
        AssertClose(Vector<double>.Build.Dense(expected.ToColumnMajorArray()), Vector<double>.Build.Dense(actual.ToColumnMajorArray()), what);

    static void AssertClose(Vector<double> expected, Vector<double> actual, string what)
    {
        double difference = (expected - actual).L2Norm() / Math.Max(expected.L2Norm(), 1e-300);
        Assert.True(difference < 1e-12, $"{what}: relative difference {difference:E2}");
    }
}
