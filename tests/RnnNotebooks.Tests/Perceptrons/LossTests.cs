using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;

namespace RnnNotebooks.Tests.Perceptrons;

public class LossTests
{
    static Matrix<double> Row(params double[] values) => Matrix<double>.Build.DenseOfRowArrays(values);

    [Fact]
    public void Mean_squared_error_against_hand_computed_values()
    {
        // outputs [1, 2, 4], targets [0, 2, 2]: squared errors 1, 0, 4, mean 5/3; gradient 2(ŷ−y)/3.
        var loss = new MeanSquaredError();
        Assert.Equal(5.0 / 3, loss.Value(Row(1, 2, 4), Row(0, 2, 2)), 14);
        var g = loss.Gradient(Row(1, 2, 4), Row(0, 2, 2));
        Assert.Equal(new[] { 2.0 / 3, 0, 4.0 / 3 }, g.Row(0).ToArray(), new Close(1e-14));
    }

    [Fact]
    public void Logistic_loss_against_hand_computed_values()
    {
        // z = 0: −log ½ = ln 2 whatever y. z = 2, y = 1: log(1 + e^−2). z = −1, y = 1: log(1 + e).
        // z = 3, y = 0: log(1 + e³). Gradient (σ(z) − y)/4.
        var z = Row(0, 2, -1, 3);
        var y = Row(1, 1, 1, 0);
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.E) + Math.Log(1 + Math.Exp(3))) / 4;
        var loss = new LogisticLoss();
        Assert.Equal(expected, loss.Value(z, y), 14);

        double S(double v) => 1 / (1 + Math.Exp(-v));
        var g = loss.Gradient(z, y);
        Assert.Equal(new[] { (0.5 - 1) / 4, (S(2) - 1) / 4, (S(-1) - 1) / 4, S(3) / 4 }, g.Row(0).ToArray(), new Close(1e-14));
    }

    [Fact]
    public void Logistic_loss_is_exact_for_huge_logits()
    {
        var loss = new LogisticLoss();
        Assert.Equal(800.0, loss.Value(Row(-800), Row(1)), 10); // log(1 + e^800) = 800 (+ e^−800)
        Assert.Equal(0.0, loss.Value(Row(800), Row(1)), 14);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var outputs = Matrix<double>.Build.DenseOfArray(new[,] { { 0.3, -1.2, 2.0 }, { 0.7, 0.1, -0.4 } });
        var targets = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0, 1 }, { 0, 0, 1 } });
        foreach (Loss loss in new Loss[] { new MeanSquaredError(), new LogisticLoss() })
        {
            var g = loss.Gradient(outputs, targets);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++)
                {
                    var plus = outputs.Clone(); plus[i, j] += 1e-6;
                    var minus = outputs.Clone(); minus[i, j] -= 1e-6;
                    Assert.Equal((loss.Value(plus, targets) - loss.Value(minus, targets)) / 2e-6, g[i, j], 8);
                }
        }
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Value(Row(1, 2, 3), Row(1, 2)));
        Assert.Contains("1×2", error.Message);
        Assert.Contains("1×3", error.Message);
        Assert.Equal("targets", error.ParamName);
    }

    [Fact]
    public void NaN_outputs_say_training_diverged()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogisticLoss().Value(Row(double.NaN), Row(1)));
        Assert.Contains("learning rate", error.Message);
    }

    [Fact]
    public void Logistic_loss_refuses_targets_that_are_not_labels()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogisticLoss().Value(Row(0.5, 1), Row(1, 2)));
        Assert.Contains("0 or 1", error.Message);
        Assert.Contains("(0, 1) is 2", error.Message);
    }

    sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double v) => 0;
    }
}
