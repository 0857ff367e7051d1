using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class GradientCheckTests
{
    // L(W) = sum(sin(W)·x)  ⇒  dL/dW_ij = cos(W_ij)·x_j : a known gradient to check against.
    static (Parameter W, Vector<double> x, Func<double> loss) SineProblem()
    {
        var W = new Parameter("W", Matrix<double>.Build.Dense(3, 4, (i, j) => 0.3 * i - 0.2 * j + 0.1));
        var x = Vector<double>.Build.Dense(4, j => 1.0 + j);
        return (W, x, () => W.Value.Map(Math.Sin).Multiply(x).Sum());
    }

    [Fact]
    public void Correct_gradient_passes_with_tiny_relative_error()
    {
        var (W, x, loss) = SineProblem();
        W.Gradient.SetSubMatrix(0, 0, Matrix<double>.Build.Dense(3, 4, (i, j) => Math.Cos(W.Value[i, j]) * x[j]));

        var report = GradientCheck.Run([W], loss);

        Assert.True(report.Passed, report.ToString());
        Assert.True(report.MaxRelativeError < 1e-8, report.ToString());
        Assert.Equal(12, report.Parameters[0].EntriesChecked);
    }

    [Fact]
    public void Wrong_gradient_fails_and_values_are_restored()
    {
        var (W, x, loss) = SineProblem();
        var before = W.Value.Clone();
        W.Gradient.SetSubMatrix(0, 0, Matrix<double>.Build.Dense(3, 4, (i, j) => Math.Sin(W.Value[i, j]) * x[j]));

        var report = GradientCheck.Run([W], loss);

        Assert.False(report.Passed);
        Assert.True(report.MaxRelativeError > 1e-2);
        Assert.Equal(before, W.Value);
        Assert.Contains("FAIL", report.ToString());
    }

    [Fact]
    public void Sampled_check_uses_the_requested_number_of_entries()
    {
        var (W, _, loss) = SineProblem();
        var report = GradientCheck.Run([W], loss, entriesPerParameter: 5, seed: 7);
        Assert.Equal(5, report.Parameters[0].EntriesChecked);
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        var (W, _, loss) = SineProblem();
        Assert.Contains("no parameters", Assert.Throws<ArgumentException>(() => GradientCheck.Run([], loss)).Message);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run([W], loss, epsilon: 0)).ParamName);
    }
}
