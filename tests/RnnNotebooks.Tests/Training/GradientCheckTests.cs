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

public class GradientCheckNonFiniteTests
{
    static Parameter Weight(double value) => new("w", Matrix<double>.Build.Dense(1, 1, value));

    [Fact]
    public void A_loss_that_is_nan_says_the_loss_itself_is_nan()
    {
        var w = Weight(1);
        var e = Assert.Throws<InvalidOperationException>(() => GradientCheck.Run([w], () => double.NaN));
        Assert.Contains("The loss itself is NaN", e.Message);
        Assert.Contains("Fix the loss first", e.Message);
    }

    [Fact]
    public void A_loss_that_turns_nan_next_to_the_point_names_the_entry()
    {
        var w = Weight(0);   // log(w) is -inf at 0 and NaN below it; here the loss is finite only at w = 0 exactly
        var e = Assert.Throws<InvalidOperationException>(() =>
            GradientCheck.Run([w], () => w.Value[0, 0] == 0 ? 0 : Math.Log(w.Value[0, 0])));
        Assert.Contains("when w[0, 0] moves by ±1E-05", e.Message);
        Assert.Contains("smaller epsilon", e.Message);
    }

    [Fact]
    public void A_nan_gradient_from_the_backward_pass_is_named()
    {
        var w = Weight(2);
        w.Gradient[0, 0] = double.NaN;
        var e = Assert.Throws<InvalidOperationException>(() => GradientCheck.Run([w], () => w.Value[0, 0] * w.Value[0, 0]));
        Assert.Contains("The gradient your backward pass stored for w[0, 0] is NaN", e.Message);
    }
}
