using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Layers;

/// <summary>
/// Finite-difference checks of layers written against the <see cref="SequenceLayer"/> contract alone: the loss
/// Σ_t ⟨y_t, W_t⟩ for random W_t, differentiated with respect to every parameter, every input x_t and every part
/// of the initial state, through the contract's Forward and Backward only.
/// </summary>
public class LayerGradientCheckTests(ITestOutputHelper output)
{
    GradientCheckReport Check(string label, SequenceLayer layer, int length, int batchSize, int seed, Func<int, LayerState?>? initialState = null)
    {
        var random = new Random(seed);
        Matrix<double> Random(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, (_, _) => 2 * random.NextDouble() - 1);
        var xs = Enumerable.Range(0, length).Select(_ => Random(layer.InputSize, batchSize)).ToArray();
        var weights = Enumerable.Range(0, length).Select(_ => Random(layer.OutputSize, batchSize)).ToArray();
        var initial = initialState?.Invoke(batchSize);

        double Loss()
        {
            var trace = layer.Forward(SequenceInput.Dense(xs), initial);
            return Enumerable.Range(0, length).Sum(t => trace.Outputs[t].PointwiseMultiply(weights[t]).Enumerate().Sum());
        }

        foreach (var p in layer.Parameters) p.ZeroGradient();
        var gradients = layer.Backward(layer.Forward(SequenceInput.Dense(xs), initial), weights);

        var tensors = layer.Parameters.ToList();
        Assert.NotNull(gradients.Inputs);
        for (int t = 0; t < length; t++)
        {
            var x = new Parameter($"x_{t}", xs[t]);
            x.Gradient.SetSubMatrix(0, 0, gradients.Inputs![t]);
            tensors.Add(x);
        }
        tensors.AddRange(StateTensors("state", initial, gradients.InitialStateGradient));
        var report = GradientCheck.Run(tensors, Loss, tolerance: 1e-6);
        output.WriteLine($"{label} T={length} B={batchSize}: max relative error {report.MaxRelativeError:E2}");
        output.WriteLine(report.ToString());
        return report;
    }

    // Every matrix of a (possibly composite) initial state as a tensor whose gradient is the one Backward returned.
    static IEnumerable<Parameter> StateTensors(string name, LayerState? state, LayerState? gradient)
    {
        switch (state)
        {
            case RecurrentState s:
                var g = Assert.IsType<RecurrentState>(gradient);
                var h = new Parameter(name + ".h", s.Hidden);
                h.Gradient.SetSubMatrix(0, 0, g.Hidden);
                yield return h;
                if (s.Cell is not null)
                {
                    var c = new Parameter(name + ".c", s.Cell);
                    c.Gradient.SetSubMatrix(0, 0, g.Cell!);
                    yield return c;
                }
                break;
            case LayerStates parts:
                var partGradients = Assert.IsType<LayerStates>(gradient);
                for (int k = 0; k < parts.Parts.Count; k++)
                    foreach (var tensor in StateTensors($"{name}[{k}]", parts.Parts[k], partGradients.Parts[k]))
                        yield return tensor;
                break;
        }
    }

    static RecurrentState RandomState(int hidden, int batch, bool withCell, Random random) => new(
        Matrix<double>.Build.Dense(hidden, batch, (_, _) => 2 * random.NextDouble() - 1),
        withCell ? Matrix<double>.Build.Dense(hidden, batch, (_, _) => 2 * random.NextDouble() - 1) : null);

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Bidirectional_layer_backward_matches_finite_differences(CellKind kind)
    {
        var spec = CellSpec.Of(kind);
        var layer = new Bidirectional(spec.Create(3, 4, seed: 1, name: "forward."), spec.Create(3, 5, seed: 2, name: "backward."));
        Assert.Equal(9, layer.OutputSize);
        var random = new Random(7);
        bool cell = kind == CellKind.Lstm;
        var report = Check($"bidirectional {kind}", layer, length: 5, batchSize: 2, seed: 5,
            b => new LayerStates([RandomState(4, b, cell, random), RandomState(5, b, cell, random)]));
        Assert.True(report.Passed);
    }

    [Fact]
    public void Bidirectional_stacks_backward_matches_finite_differences()
    {
        var layer = new Bidirectional(RecurrentStack.Create(CellKind.Lstm, 3, 4, layers: 2, seed: 1),
            new RecurrentStack([new GruCell(3, 3, seed: 4, name: "back1."), new RnnCell(3, 2, seed: 5, name: "back2.")]));
        Assert.True(Check("bidirectional over stacks", layer, length: 4, batchSize: 3, seed: 6).Passed);
    }

    [Fact]
    public void Reversed_layer_and_readout_backward_match_finite_differences()
    {
        var random = new Random(3);
        Assert.True(Check("reversed LSTM", new Reversed(new LstmCell(3, 4, seed: 2)), length: 5, batchSize: 2, seed: 8,
            b => RandomState(4, b, true, random)).Passed);
        Assert.True(Check("readout", new Readout(4, 6, new Random(1)), length: 3, batchSize: 2, seed: 9).Passed);
    }

    [Fact]
    public void Embedding_backward_matches_finite_differences_and_refuses_dense_input()
    {
        var embedding = new Embedding(vocabularySize: 5, size: 3, new Random(4));
        int[][] ids = [[0, 4, 4], [2, 0, 1], [4, 4, 3]];                           // repeated ids add up
        var random = new Random(6);
        var weights = ids.Select(_ => Matrix<double>.Build.Dense(3, 3, (_, _) => 2 * random.NextDouble() - 1)).ToArray();
        double Loss() => embedding.Forward(SequenceInput.OneHot(ids, 5)).Outputs.Zip(weights, (y, w) => y.PointwiseMultiply(w).Enumerate().Sum()).Sum();

        embedding.Table.ZeroGradient();
        var gradients = embedding.Backward(embedding.Forward(SequenceInput.OneHot(ids, 5)), weights);
        Assert.Null(gradients.Inputs);
        var report = GradientCheck.Run(embedding.Parameters, Loss, tolerance: 1e-6);
        output.WriteLine(report.ToString());
        Assert.True(report.Passed);
        Assert.Equal(embedding.Table.Value.Column(4), embedding.Forward(SequenceInput.OneHot([[4]], 5)).Outputs[0].Column(0));

        var e = Assert.Throws<ArgumentException>(() => embedding.Forward(SequenceInput.Dense([Matrix<double>.Build.Dense(5, 1)])));
        Assert.Contains("An embedding reads ids", e.Message);
    }

    [Fact]
    public void A_bidirectional_output_sees_the_future_through_its_backward_half_only()
    {
        var layer = new Bidirectional(new RnnCell(2, 3, seed: 1, name: "f."), new RnnCell(2, 3, seed: 2, name: "b."));
        var xs = Enumerable.Range(0, 4).Select(t => Matrix<double>.Build.Dense(2, 1, t + 1.0)).ToArray();
        var before = layer.Forward(SequenceInput.Dense(xs)).Outputs[0].Clone();
        xs[3][0, 0] += 1;                                                        // change the last input only
        var after = layer.Forward(SequenceInput.Dense(xs)).Outputs[0];
        Assert.Equal(before.SubMatrix(0, 3, 0, 1), after.SubMatrix(0, 3, 0, 1));   // →h_1 read only x_1
        Assert.NotEqual(before.SubMatrix(3, 3, 0, 1), after.SubMatrix(3, 3, 0, 1)); // ←h_1 read x_4 … x_1
    }

    [Fact]
    public void Layers_refuse_states_and_traces_that_are_not_theirs()
    {
        var layer = new Bidirectional(new RnnCell(2, 3, name: "f."), new RnnCell(2, 3, name: "b."));
        var x = SequenceInput.Dense([Matrix<double>.Build.Dense(2, 1)]);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(x, new RecurrentState(Matrix<double>.Build.Dense(3, 1))));
        Assert.Contains("one state per part (2), given as LayerStates; got a RecurrentState", e.Message);
        var other = new Readout(2, 3, new Random(1));
        e = Assert.Throws<ArgumentException>(() => layer.Backward(other.Forward(x), [null]));
        Assert.Contains("different layer", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Bidirectional(new RnnCell(2, 3), new RnnCell(2, 3)));
        Assert.Contains("Both directions have a parameter named 'W_xh'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new RnnCell(2, 3).Forward(x, new LayerStates([null])));
        Assert.Contains("Rnn cell's state is a RecurrentState (h); got a LayerStates", e.Message);
    }

    [Fact]
    public void Sequences_reverse_and_slice()
    {
        var ids = SequenceInput.OneHot([[0], [1], [2], [3]], 4);
        Assert.Equal([3, 2, 1, 0], Enumerable.Range(0, 4).Select(t => ids.Reversed().Id(t, 0)));
        Assert.Equal([1, 2], Enumerable.Range(0, 2).Select(t => ids.Slice(1, 2).Id(t, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ids.Slice(3, 2));
    }
}
