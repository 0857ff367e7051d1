using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;

namespace RnnNotebooks.Tests.Perceptrons;

public class PerceptronTests
{
    // Two Gaussian clouds, 2 × n, with the classes kept apart by a margin around the line x1 + x2 = 0.
    internal static (Matrix<double> X, Matrix<double> Y) SeparableSet(int n, int seed)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(2, n);
        var y = Matrix<double>.Build.Dense(1, n);
        for (int j = 0; j < n; j++)
        {
            int label = j % 2;
            double centre = label == 1 ? 1.5 : -1.5;
            do
            {
                x[0, j] = centre + 0.8 * (random.NextDouble() * 2 - 1);
                x[1, j] = centre + 0.8 * (random.NextDouble() * 2 - 1);
            } while (Math.Abs(x[0, j] + x[1, j]) < 0.5);
            y[0, j] = label;
        }
        return (x, y);
    }

    internal static readonly Matrix<double> XorInputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
    internal static readonly Matrix<double> XorTargets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });

    [Fact]
    public void Learns_a_linearly_separable_set_and_stops()
    {
        var (x, y) = SeparableSet(60, seed: 4);
        var perceptron = new Perceptron(2);

        var mistakes = perceptron.Train(x, y, maxEpochs: 100);

        Assert.Equal(0, mistakes[^1]);
        Assert.True(mistakes[0] > 0);
        Assert.True(mistakes.Count < 100);
        Assert.Equal(1.0, perceptron.Accuracy(x, y));
    }

    [Fact]
    public void Rule_moves_the_weights_towards_a_missed_positive_example()
    {
        var perceptron = new Perceptron(2, learningRate: 0.5);
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 2 }, { -1 } });
        Assert.Equal(1, perceptron.TrainEpoch(x, Matrix<double>.Build.Dense(1, 1, 1.0)));
        Assert.Equal(new[] { 1.0, -0.5 }, perceptron.Weights.Value.Row(0).ToArray());
        Assert.Equal(0.5, perceptron.Bias.Value[0, 0]);
        Assert.Equal(0, perceptron.TrainEpoch(x, Matrix<double>.Build.Dense(1, 1, 1.0)));
    }

    [Fact]
    public void Cannot_learn_xor()
    {
        var perceptron = new Perceptron(2);

        var mistakes = perceptron.Train(XorInputs, XorTargets, maxEpochs: 200);

        Assert.Equal(200, mistakes.Count);
        Assert.All(mistakes, m => Assert.True(m > 0));
        // No line gets all four right; at best three.
        Assert.True(perceptron.Accuracy(XorInputs, XorTargets) <= 0.75);
    }

    [Fact]
    public void Bad_targets_and_rates_are_explained()
    {
        var perceptron = new Perceptron(2);
        var error = Assert.Throws<ArgumentException>(() => perceptron.TrainEpoch(XorInputs, Matrix<double>.Build.Dense(1, 3)));
        Assert.Contains("1×4", error.Message);
        Assert.Contains("1×3", error.Message);
        Assert.Contains("0 or 1", Assert.Throws<ArgumentException>(() => perceptron.TrainEpoch(XorInputs, XorTargets * 2)).Message);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(2, 0)).ParamName);
        Assert.Equal("maxEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.Train(XorInputs, XorTargets, 0)).ParamName);
    }
}
