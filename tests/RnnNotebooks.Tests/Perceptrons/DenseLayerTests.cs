using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Perceptrons;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Perceptrons;

public class DenseLayerTests
{
    [Fact]
    public void Forward_computes_f_of_Wx_plus_b_for_each_column()
    {
        var layer = new DenseLayer(2, 2, Activation.Relu);
        layer.Weights.Value.SetRow(0, [1.0, 2.0]);
        layer.Weights.Value.SetRow(1, [-1.0, 0.5]);
        layer.Bias.Value[0, 0] = 0.5;
        layer.Bias.Value[1, 0] = -1.0;
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0 }, { 1.0, 4 } }); // examples (1,1) and (0,4)

        var a = layer.Forward(x);

        // (1,1): z = (3.5, −1.5) → (3.5, 0); (0,4): z = (8.5, 1) → (8.5, 1)
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new[,] { { 3.5, 8.5 }, { 0, 1 } }), a);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("identity")]
    public void Backward_passes_the_gradient_check(string activationName)
    {
        var activation = activationName switch { "tanh" => Activation.Tanh, "sigmoid" => Activation.Sigmoid, _ => Activation.Identity };
        var random = new Random(3);
        var layer = new DenseLayer(3, 4, activation, random);
        var x = Matrix<double>.Build.Dense(3, 5, (_, _) => random.NextDouble() * 2 - 1);
        // L = Σ A ⊙ C with a fixed random C: a generic read-out of every output, with ∂L/∂A = C.
        var c = Matrix<double>.Build.Dense(4, 5, (_, _) => random.NextDouble() * 2 - 1);
        double Loss() => layer.Forward(x).PointwiseMultiply(c).Enumerate().Sum();

        foreach (var p in layer.Parameters) p.ZeroGradient();
        layer.Forward(x);
        var dx = layer.Backward(c);
        var report = GradientCheck.Run(layer.Parameters, Loss);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.MaxRelativeError < 1e-6, report.ToString());

        // ∂L/∂X too: perturb the inputs.
        var inputs = new Parameter("X", x);
        inputs.Gradient.SetSubMatrix(0, 0, dx);
        Assert.True(GradientCheck.Run([inputs], Loss).Passed);
    }

    [Fact]
    public void Backward_accumulates_until_zeroed()
    {
        var layer = new DenseLayer(2, 1, Activation.Identity, new Random(1));
        var x = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { 2.0 } });
        var g = Matrix<double>.Build.Dense(1, 1, 1.0);
        layer.Forward(x);
        layer.Backward(g);
        layer.Backward(g);
        Assert.Equal(2.0, layer.Bias.Gradient[0, 0]);
        Assert.Equal(4.0, layer.Weights.Gradient[0, 1]);
    }

    [Fact]
    public void Wrong_input_shape_names_the_shapes_and_the_fix()
    {
        var layer = new DenseLayer(3, 2, Activation.Tanh, new Random(0));
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(Matrix<double>.Build.Dense(5, 3)));
        Assert.Contains("3 row(s)", error.Message);
        Assert.Contains("5×3", error.Message);
        Assert.Contains("transposed", error.Message);
        Assert.Equal("inputs", error.ParamName);
    }

    [Fact]
    public void Wrong_gradient_shape_and_missing_forward_are_explained()
    {
        var layer = new DenseLayer(2, 2, Activation.Tanh, new Random(0));
        Assert.Contains("call Forward", Assert.Throws<InvalidOperationException>(() => layer.Backward(Matrix<double>.Build.Dense(2, 1))).Message);
        layer.Forward(Matrix<double>.Build.Dense(2, 4));
        var error = Assert.Throws<ArgumentException>(() => layer.Backward(Matrix<double>.Build.Dense(2, 3)));
        Assert.Contains("2×3", error.Message);
        Assert.Contains("2×4", error.Message);
    }

    [Fact]
    public void Non_positive_sizes_are_refused()
    {
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DenseLayer(0, 2, Activation.Tanh)).ParamName);
        Assert.Equal("outputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new DenseLayer(2, -1, Activation.Tanh)).ParamName);
    }
}
