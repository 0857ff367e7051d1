using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;
using RnnNotebooks.Training;
using Xunit.Abstractions;
using static RnnNotebooks.Tests.Recurrent.FastPathAgreementTests;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The fast path in float32 (<see cref="CharLanguageModel.Precision"/>) against the float64 default. float32 keeps a
/// 24-bit significand (unit roundoff u = 2⁻²⁴ ≈ 6e-8); a step's gradient sums a few hundred products, each rounded,
/// so its relative error is of order √n·u to n·u, about 1e-6. The bounds below are that figure with a margin of ten.
/// </summary>
public class Float32Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(CellKind.Rnn, 13, 1, 1, null)]
    [InlineData(CellKind.Lstm, 13, 5, 1, null)]
    [InlineData(CellKind.Gru, 13, 3, 1, null)]
    [InlineData(CellKind.Lstm, 13, 4, 2, null)]
    [InlineData(CellKind.Gru, 13, 1, 1, 6)]
    [InlineData(CellKind.Lstm, 130, 32, 1, null)]   // the register blocks and the two-core split of float32 (8 lanes)
    [InlineData(CellKind.Gru, 130, 1, 1, null)]
    public void One_float32_step_is_within_1e_5_of_float64(CellKind cell, int hidden, int batch, int layers, int? embedding)
    {
        var windows = Windows(batch, seed: 3);
        var single = new CharLanguageModel(Letters, cell, hiddenSize: hidden, layers: layers, embeddingSize: embedding, seed: 2) { Precision = FloatPrecision.Float32 };
        var reference = new CharLanguageModel(Letters, cell, hiddenSize: hidden, layers: layers, embeddingSize: embedding, seed: 2);
        double worst = 0;
        for (int w = 0; w < 3; w++)   // the carried state too
        {
            var a = single.ComputeGradients(windows[w]);
            var b = reference.ComputeGradients(windows[w]);
            worst = Math.Max(worst, Math.Abs(a.Loss - b.Loss) / b.Loss);
            for (int l = 0; l < layers; l++) worst = Math.Max(worst, Relative(b.HiddenGradientNorms[l], a.HiddenGradientNorms[l]));
            for (int i = 0; i < single.Parameters.Count; i++)
                worst = Math.Max(worst, Relative(reference.Parameters[i].Gradient.ToColumnMajorArray(), single.Parameters[i].Gradient.ToColumnMajorArray()));
            for (int l = 0; l < layers; l++)
                worst = Math.Max(worst, Relative(reference.State![l].Hidden.ToColumnMajorArray(), single.State![l].Hidden.ToColumnMajorArray()));
        }
        output.WriteLine($"largest relative difference: {worst:E2}");
        Assert.True(worst > 0, "float32 gave float64's bits: the option did nothing");
        Assert.True(worst < 1e-5, $"relative difference {worst:E2}");
    }

    /// <summary>
    /// 200 steps of Adam (learning rate 0.01, clipping at 5) on a real verse, an H = 32 LSTM at B = 4, T = 16: the
    /// float32 run's loss curve and its final held-out loss stay within 1e-4 nats of float64's. Rounding differences
    /// grow as training goes (each update moves the weights by the difference in its gradients), so the bound is
    /// for this run length; measured: 2.5e-6 nats at worst on the curve, 7e-7 held out.
    /// </summary>
    [Fact]
    public void A_short_float32_training_run_follows_float64_within_1e_4_nats()
    {
        var vocabulary = new Vocabulary(SmallCorpus.Verse);
        var windows = TextWindows.Cut(SmallCorpus.Verse[..1200], vocabulary, windowLength: 16, batchSize: 4);
        string heldOut = SmallCorpus.Verse[1200..];
        (List<double> Losses, double HeldOut) Train(FloatPrecision precision)
        {
            var model = new CharLanguageModel(vocabulary, CellKind.Lstm, hiddenSize: 32, seed: 7) { Precision = precision };
            var adam = new Adam(0.01);
            var losses = new List<double>();
            for (int step = 0; step < 200; step++)
            {
                if (step % windows.Count == 0) model.ResetState();
                losses.Add(model.ComputeGradients(windows[step % windows.Count]).Loss);
                GradientClipping.ByGlobalNorm(model.Parameters, 5);
                adam.Step(model.Parameters);
            }
            return (losses, model.Loss(heldOut));
        }
        var (single, singleHeldOut) = Train(FloatPrecision.Float32);
        var (reference, referenceHeldOut) = Train(FloatPrecision.Float64);
        double worst = single.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"loss {reference[0]:F4} → {reference[^1]:F4}; largest difference on the curve {worst:E2}, held out {Math.Abs(singleHeldOut - referenceHeldOut):E2}");
        Assert.True(reference[^1] < 0.7 * reference[0], "the run must actually train");
        Assert.True(worst < 1e-4, $"the float32 loss curve is {worst:E2} nats from float64's");
        Assert.True(Math.Abs(singleHeldOut - referenceHeldOut) < 1e-4, $"held-out loss {singleHeldOut} against {referenceHeldOut}");
    }

    [Theory]
    [InlineData(CellKind.Lstm, 1)]
    [InlineData(CellKind.Lstm, 32)]
    [InlineData(CellKind.Gru, 32)]
    public void The_float32_kernel_on_two_cores_gives_the_bits_of_one_core(CellKind cell, int batch)
    {
        // H = 130: float32's halves are rows 0…71 and 72…129 (a multiple of 8 lanes), the second with a tail of two.
        var window = Windows(batch, seed: 11)[0];
        var model = new CharLanguageModel(Letters, cell, hiddenSize: 130, seed: 4) { Precision = FloatPrecision.Float32 };
        var twoCores = TwoCoreTests.OnCores(true, () => model.ComputeGradients(window, null));
        var gradients = model.Parameters.Select(p => p.Gradient.ToColumnMajorArray()).ToArray();
        var oneCore = TwoCoreTests.OnCores(false, () => model.ComputeGradients(window, null));
        Assert.Equal(oneCore.Loss, twoCores.Loss);
        Assert.Equal(oneCore.HiddenGradientNorms[0], twoCores.HiddenGradientNorms[0]);
        for (int i = 0; i < gradients.Length; i++) Assert.Equal(model.Parameters[i].Gradient.ToColumnMajorArray(), gradients[i]);
    }

    [Fact]
    public void Switching_precision_keeps_the_weights_and_the_carried_state()
    {
        var windows = Windows(3, seed: 4);
        var model = new CharLanguageModel(Letters, CellKind.Gru, hiddenSize: 13, seed: 1);
        var reference = new CharLanguageModel(Letters, CellKind.Gru, hiddenSize: 13, seed: 1);
        model.ComputeGradients(windows[0]);
        reference.ComputeGradients(windows[0]);
        model.Precision = FloatPrecision.Float32;
        model.ComputeGradients(windows[1]);
        reference.ComputeGradients(windows[1]);
        Assert.True(Relative(reference.State![0].Hidden.ToColumnMajorArray(), model.State![0].Hidden.ToColumnMajorArray()) < 1e-5);
        model.Precision = FloatPrecision.Float64;
        var a = model.ComputeGradients(windows[2]);
        var b = reference.ComputeGradients(windows[2]);
        Assert.True(Math.Abs(a.Loss - b.Loss) < 1e-5 * b.Loss);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Precision = (FloatPrecision)7);
    }

    static double Relative(double[] expected, double[] actual)
    {
        var e = Vector<double>.Build.Dense(expected);
        return (e - Vector<double>.Build.Dense(actual)).L2Norm() / Math.Max(e.L2Norm(), 1e-300);
    }
}
