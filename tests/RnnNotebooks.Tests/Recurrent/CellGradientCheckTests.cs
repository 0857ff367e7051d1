using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Backpropagation through time of every cell against centred finite differences (float64,
/// relative error below 1e-6) at random shapes with B &gt; 1, checking the parameters, the
/// carried-in state (as in a truncated window, where it is a fixed input) and the inputs.
/// </summary>
public class CellGradientCheckTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-6;

    // L = Σ_t ⟨W_t, h_t⟩ + ⟨U, h_T⟩ (+ ⟨V, c_T⟩): random weights on every output and on the final
    // state, so both the per-step gradients and the gradient arriving at the end are exercised.
    GradientCheckReport Check(RecurrentCell cell, int length, int batchSize, int seed, bool oneHot = false)
    {
        var random = new Random(seed);
        Matrix<double> Random(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, (_, _) => 2 * random.NextDouble() - 1);
        int H = cell.HiddenSize, D = cell.InputSize, B = batchSize;

        var h0 = new Parameter("h0", Random(H, B));
        var c0 = cell.HasCellState ? new Parameter("c0", Random(H, B)) : null;
        var xs = Enumerable.Range(0, length).Select(t => new Parameter($"x{t}", Random(D, B))).ToArray();
        var ids = Enumerable.Range(0, length).Select(_ => Enumerable.Range(0, B).Select(_ => random.Next(D)).ToArray()).ToArray();
        var outputWeights = Enumerable.Range(0, length).Select(_ => Random(H, B)).ToArray();
        var finalHiddenWeight = Random(H, B);
        var finalCellWeight = Random(H, B);

        SequenceInput Inputs() => oneHot ? SequenceInput.OneHot(ids, D) : SequenceInput.Dense(xs.Select(x => x.Value).ToArray());
        RecurrentState Initial() => new(h0.Value, c0?.Value);
        double Loss()
        {
            var trace = cell.Forward(Inputs(), Initial());
            double loss = 0;
            for (int t = 0; t < length; t++) loss += trace.Outputs[t].PointwiseMultiply(outputWeights[t]).Enumerate().Sum();
            loss += trace.Final.Hidden.PointwiseMultiply(finalHiddenWeight).Enumerate().Sum();
            if (trace.Final.Cell is { } c) loss += c.PointwiseMultiply(finalCellWeight).Enumerate().Sum();
            return loss;
        }

        foreach (var p in cell.Parameters) p.ZeroGradient();
        var trace = cell.Forward(Inputs(), Initial());
        var gradients = cell.Backward(trace, outputWeights, new RecurrentState(finalHiddenWeight, cell.HasCellState ? finalCellWeight : null));

        var checkedTensors = cell.Parameters.ToList();
        h0.Gradient.SetSubMatrix(0, 0, gradients.InitialState.Hidden);
        checkedTensors.Add(h0);
        if (c0 is not null)
        {
            c0.Gradient.SetSubMatrix(0, 0, gradients.InitialState.Cell!);
            checkedTensors.Add(c0);
        }
        if (!oneHot)
            for (int t = 0; t < length; t++)
            {
                xs[t].Gradient.SetSubMatrix(0, 0, gradients.Inputs![t]);
                checkedTensors.Add(xs[t]);
            }
        Assert.Equal(length, gradients.HiddenGradientNorms.Length);
        Assert.All(gradients.HiddenGradientNorms, n => Assert.True(n > 0 && double.IsFinite(n)));

        var report = GradientCheck.Run(checkedTensors, Loss, tolerance: Tolerance);
        output.WriteLine($"{cell.Kind} D={D} H={H} T={length} B={B}{(oneHot ? " one-hot" : "")}: max relative error {report.MaxRelativeError:E2}");
        output.WriteLine(report.ToString());
        return report;
    }

    public static TheoryData<int> Seeds => [1, 2, 3];

    static (int D, int H, int T, int B) Shape(int seed)
    {
        var random = new Random(100 + seed);
        return (random.Next(2, 6), random.Next(2, 7), random.Next(3, 8), random.Next(2, 5));
    }

    [Theory, MemberData(nameof(Seeds))]
    public void RnnCell_tanh_backward_matches_finite_differences(int seed)
    {
        var (D, H, T, B) = Shape(seed);
        Assert.True(Check(new RnnCell(D, H, RnnActivation.Tanh, seed), T, B, seed).Passed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void RnnCell_relu_backward_matches_finite_differences(int seed)
    {
        var (D, H, T, B) = Shape(seed);
        Assert.True(Check(new RnnCell(D, H, RnnActivation.Relu, seed), T, B, seed).Passed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void LstmCell_backward_matches_finite_differences(int seed)
    {
        var (D, H, T, B) = Shape(seed);
        Assert.True(Check(new LstmCell(D, H, forgetBias: 1.0, seed), T, B, seed).Passed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void GruCell_backward_matches_finite_differences(int seed)
    {
        var (D, H, T, B) = Shape(seed);
        Assert.True(Check(new GruCell(D, H, seed), T, B, seed).Passed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void A_cell_kind_added_outside_the_library_backward_matches_finite_differences(int seed)
    {
        var (D, H, T, B) = Shape(seed);
        Assert.True(Check(new NewKind.MinimalGatedSpec().Create(D, H, seed), T, B, seed).Passed);
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Cell_with_one_hot_input_backward_matches_finite_differences(CellKind kind)
    {
        Assert.True(Check(RecurrentCell.Create(kind, 6, 4, seed: 5), length: 5, batchSize: 3, seed: 5, oneHot: true).Passed);
    }

    [Fact]
    public void One_hot_input_gives_the_same_states_as_dense_one_hot_vectors()
    {
        var cell = new LstmCell(5, 3, seed: 2);
        int[][] ids = [[0, 4], [3, 3], [1, 2]];
        var oneHot = SequenceInput.OneHot(ids, 5);
        var dense = SequenceInput.Dense(Enumerable.Range(0, 3).Select(t => oneHot[t]).ToArray());
        var a = cell.Forward(oneHot).Outputs;
        var b = cell.Forward(dense).Outputs;
        for (int t = 0; t < 3; t++) Assert.True((a[t] - b[t]).FrobeniusNorm() < 1e-15);
    }
}
