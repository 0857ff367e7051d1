using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Layers;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Training;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>Gradient checks of two-layer stacks: the gradient must pass from the top layer's
/// outputs down through the bottom layer, and reach both layers' carried-in states.</summary>
public class StackGradientCheckTests(ITestOutputHelper output)
{
    GradientCheckReport Check(string label, RecurrentStack stack, int length, int batchSize, int seed)
    {
        var random = new Random(seed);
        Matrix<double> Random(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, (_, _) => 2 * random.NextDouble() - 1);
        var xs = Enumerable.Range(0, length).Select(_ => Random(stack.InputSize, batchSize)).ToArray();
        var initial = stack.Layers.Select((cell, l) => new RecurrentState(Random(cell.HiddenSize, batchSize), cell.HasCellState ? Random(cell.HiddenSize, batchSize) : null)).ToArray();
        var weights = Enumerable.Range(0, length).Select(_ => Random(stack.OutputSize, batchSize)).ToArray();

        double Loss()
        {
            var trace = stack.Forward(SequenceInput.Dense(xs), initial);
            return Enumerable.Range(0, length).Sum(t => trace.Outputs[t].PointwiseMultiply(weights[t]).Enumerate().Sum());
        }

        foreach (var p in stack.Parameters) p.ZeroGradient();
        var gradients = stack.Backward(stack.Forward(SequenceInput.Dense(xs), initial), weights);

        var tensors = stack.Parameters.ToList();
        for (int l = 0; l < stack.Layers.Count; l++)
        {
            var h0 = new Parameter($"h0[{l}]", initial[l].Hidden);
            h0.Gradient.SetSubMatrix(0, 0, gradients.InitialStates[l].Hidden);
            tensors.Add(h0);
        }
        Assert.Equal(stack.Layers.Count, gradients.HiddenGradientNorms.Count);
        var report = GradientCheck.Run(tensors, Loss, tolerance: 1e-6);
        output.WriteLine($"{label} T={length} B={batchSize}: max relative error {report.MaxRelativeError:E2}");
        output.WriteLine(report.ToString());
        return report;
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Two_layer_stack_backward_matches_finite_differences(CellKind kind)
    {
        var stack = RecurrentStack.Create(kind, inputSize: 3, hiddenSize: 4, layers: 2, seed: 3);
        Assert.True(Check($"two-layer {kind} stack", stack, length: 6, batchSize: 3, seed: 3).Passed);
    }

    [Fact]
    public void Mixed_stack_of_relu_rnn_under_lstm_under_gru_backward_matches_finite_differences()
    {
        var stack = new RecurrentStack([
            new RnnCell(4, 5, RnnActivation.Relu, seed: 1, name: "rnn."),
            new LstmCell(5, 3, seed: 2, name: "lstm."),
            new GruCell(3, 4, seed: 3, name: "gru.")]);
        Assert.True(Check("ReLU RNN/LSTM/GRU stack", stack, length: 5, batchSize: 2, seed: 4).Passed);
    }
}
