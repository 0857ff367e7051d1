using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class SgdTests
{
    [Fact]
    public void Step_moves_against_the_gradient_by_the_learning_rate()
    {
        var p = new Parameter("w", Matrix<double>.Build.DenseOfArray(new double[,] { { 1.0, -2.0 } }));
        p.Gradient[0, 0] = 0.5;
        p.Gradient[0, 1] = -1.0;

        var sgd = new Sgd(0.1);
        sgd.Step([p]);

        Assert.Equal(0.95, p.Value[0, 0], 12);
        Assert.Equal(-1.9, p.Value[0, 1], 12);
        Assert.Equal(1, sgd.StepCount);
    }

    [Fact]
    public void Minimises_a_quadratic()
    {
        // L(w) = ½‖w − 3‖², ∂L/∂w = w − 3.
        var p = new Parameter("w", Matrix<double>.Build.Dense(2, 1));
        var sgd = new Sgd(0.2);
        for (int i = 0; i < 100; i++)
        {
            p.Value.Map(v => v - 3, p.Gradient);
            sgd.Step([p]);
        }
        Assert.All(p.Value.Enumerate(), v => Assert.Equal(3.0, v, 6));
    }

    [Fact]
    public void Non_positive_learning_rate_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0));
        Assert.Equal("learningRate", error.ParamName);
    }
}
