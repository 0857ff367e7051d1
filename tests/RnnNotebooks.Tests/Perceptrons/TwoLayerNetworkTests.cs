using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Perceptrons;

public class TwoLayerNetworkTests
{
    [Theory]
    [InlineData("tanh", "logistic")]
    [InlineData("sigmoid", "logistic")]
    [InlineData("tanh", "mse")]
    public void Backpropagation_passes_the_gradient_check(string hidden, string lossName)
    {
        var random = new Random(11);
        var net = new TwoLayerNetwork(3, 5, 2, hidden == "tanh" ? Activation.Tanh : Activation.Sigmoid, random,
            lossName == "mse" ? new MeanSquaredError() : new LogisticLoss());
        var x = Matrix<double>.Build.Dense(3, 7, (_, _) => random.NextDouble() * 2 - 1);
        var y = Matrix<double>.Build.Dense(2, 7, (_, _) => random.Next(2));

        net.Backpropagate(x, y);
        var report = GradientCheck.Run(net.Parameters, () => net.LossOn(x, y));

        Assert.True(report.MaxRelativeError < 1e-6, report.ToString());
        Assert.Equal(["W1", "b1", "W2", "b2"], report.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_broken_backward_pass_fails_the_check()
    {
        var random = new Random(5);
        var net = new TwoLayerNetwork(2, 3, 1, Activation.Tanh, random);
        var x = PerceptronTests.XorInputs;
        var y = PerceptronTests.XorTargets;
        net.Backpropagate(x, y);
        net.Hidden.Weights.Gradient.Multiply(2.0, net.Hidden.Weights.Gradient); // a factor-2 bug in dW1

        var report = GradientCheck.Run(net.Parameters, () => net.LossOn(x, y));

        Assert.False(report.Passed);
        Assert.False(report.Parameters[0].Passed);
        Assert.True(report.Parameters[2].Passed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Solves_xor(int seed)
    {
        var net = new TwoLayerNetwork(2, 4, 1, Activation.Tanh, new Random(seed));
        var sgd = new Sgd(0.5);
        double first = net.TrainStep(PerceptronTests.XorInputs, PerceptronTests.XorTargets, sgd);
        for (int i = 0; i < 2000; i++) net.TrainStep(PerceptronTests.XorInputs, PerceptronTests.XorTargets, sgd);

        double last = net.LossOn(PerceptronTests.XorInputs, PerceptronTests.XorTargets);
        Assert.Equal(1.0, net.Accuracy(PerceptronTests.XorInputs, PerceptronTests.XorTargets));
        Assert.True(last < 0.05, $"loss {first} → {last}");
    }

    [Fact]
    public void Non_positive_sizes_name_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TwoLayerNetwork(2, 0, 1, Activation.Tanh, new Random(0)));
        Assert.Equal("hiddenSize", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void Wrong_target_shape_is_explained()
    {
        var net = new TwoLayerNetwork(2, 3, 1, Activation.Tanh, new Random(0));
        var error = Assert.Throws<ArgumentException>(() => net.Backpropagate(PerceptronTests.XorInputs, PerceptronTests.XorTargets.Transpose()));
        Assert.Contains("4×1", error.Message);
        Assert.Contains("1×4", error.Message);
    }
}
