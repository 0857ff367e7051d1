using RnnNotebooks.Perceptrons;

namespace RnnNotebooks.Tests.Perceptrons;

public class ActivationTests
{
    public static TheoryData<string> Smooth => new() { "identity", "sigmoid", "tanh", "relu" };

    static Activation ByName(string name) => name switch
    {
        "identity" => Activation.Identity,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        _ => Activation.Step,
    };

    [Fact]
    public void Known_values()
    {
        Assert.Equal(0.5, Activation.Sigmoid.Apply(0), 15);
        Assert.Equal(1 / (1 + Math.Exp(-2)), Activation.Sigmoid.Apply(2), 15);
        Assert.Equal(0.25, Activation.Sigmoid.Derivative(0), 15);
        Assert.Equal(Math.Tanh(0.7), Activation.Tanh.Apply(0.7), 15);
        Assert.Equal(1.0, Activation.Tanh.Derivative(0), 15);
        Assert.Equal(0.0, Activation.Relu.Apply(-3));
        Assert.Equal(2.5, Activation.Relu.Apply(2.5));
        Assert.Equal(1.0, Activation.Step.Apply(0.1));
        Assert.Equal(0.0, Activation.Step.Apply(0));
        Assert.Equal(0.0, Activation.Step.Apply(-0.1));
        Assert.Equal(0.0, Activation.Step.Derivative(0.3));
    }

    [Fact]
    public void Sigmoid_does_not_overflow_for_large_inputs()
    {
        Assert.Equal(0.0, Activation.Sigmoid.Apply(-1000));
        Assert.Equal(1.0, Activation.Sigmoid.Apply(1000));
        Assert.False(double.IsNaN(Activation.Sigmoid.Derivative(-1000)));
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Derivative_matches_centred_difference(string name)
    {
        var f = ByName(name);
        const double h = 1e-6;
        foreach (double z in new[] { -2.3, -0.4, 0.35, 1.7 })
            Assert.Equal((f.Apply(z + h) - f.Apply(z - h)) / (2 * h), f.Derivative(z), 8);
    }
}
