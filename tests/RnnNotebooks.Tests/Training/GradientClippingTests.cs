using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class GradientClippingTests
{
    /// <summary>Two parameters with gradients (3, −4) and (12): norms 5 and 12, global norm 13.</summary>
    static Parameter[] ThreeFourTwelve()
    {
        var a = new Parameter("a", Matrix<double>.Build.Dense(2, 1));
        var b = new Parameter("b", Matrix<double>.Build.Dense(1, 1));
        a.Gradient[0, 0] = 3; a.Gradient[1, 0] = -4; b.Gradient[0, 0] = 12;
        return [a, b];
    }

    [Fact]
    public void Global_norm_is_the_norm_of_all_gradients_together()
    {
        var ps = ThreeFourTwelve();
        Assert.Equal(5, GradientClipping.Norm(ps[0]), 14);
        Assert.Equal(13, GradientClipping.GlobalNorm(ps), 14);
    }

    [Fact]
    public void Clipping_by_global_norm_shrinks_to_the_threshold_and_keeps_the_direction()
    {
        var ps = ThreeFourTwelve();
        var result = GradientClipping.ByGlobalNorm(ps, 6.5);

        Assert.Equal(13, result.NormBefore, 14);
        Assert.True(result.Clipped);
        Assert.True(result.NormAfter <= 6.5);
        Assert.Equal(6.5, result.NormAfter, 6);
        Assert.Equal(result.NormAfter, GradientClipping.GlobalNorm(ps), 12);
        // Same direction: every entry halved.
        Assert.Equal(1.5, ps[0].Gradient[0, 0], 6);
        Assert.Equal(-2.0, ps[0].Gradient[1, 0], 6);
        Assert.Equal(6.0, ps[1].Gradient[0, 0], 6);
    }

    [Fact]
    public void Gradients_under_the_threshold_are_left_alone()
    {
        var ps = ThreeFourTwelve();
        var result = GradientClipping.ByGlobalNorm(ps, 20);
        Assert.False(result.Clipped);
        Assert.Equal(13, result.NormAfter, 14);
        Assert.Equal(12, ps[1].Gradient[0, 0]);
    }

    [Fact]
    public void Clipping_by_global_norm_works_on_large_random_tensors()
    {
        var random = new Random(3);
        var ps = new[] { new Parameter("W", Matrix<double>.Build.Dense(37, 19)), new Parameter("b", Matrix<double>.Build.Dense(37, 1)) };
        foreach (var p in ps) p.Gradient.MapInplace(_ => random.NextDouble() * 20 - 10);
        var before = ps.Select(p => p.Gradient.Clone()).ToArray();
        double norm = Math.Sqrt(before.Sum(g => g.Enumerate().Sum(x => x * x)));

        var result = GradientClipping.ByGlobalNorm(ps, 1.0);

        Assert.Equal(norm, result.NormBefore, 9);
        Assert.True(GradientClipping.GlobalNorm(ps) <= 1.0);
        for (int i = 0; i < ps.Length; i++)
            Assert.True((ps[i].Gradient - before[i] * (result.NormAfter / norm)).FrobeniusNorm() < 1e-12);
    }

    [Fact]
    public void Norm_survives_gradients_whose_squares_overflow()
    {
        var p = new Parameter("W", Matrix<double>.Build.Dense(2, 1));
        p.Gradient[0, 0] = 3e200; p.Gradient[1, 0] = 4e200;
        Assert.Equal(5e200, GradientClipping.Norm(p), 1e188);
        var result = GradientClipping.ByGlobalNorm([p], 5);
        Assert.Equal(3.0, p.Gradient[0, 0], 5);
        Assert.True(result.NormAfter <= 5);
    }

    [Fact]
    public void Clipping_by_value_clamps_each_entry_and_reports_both_norms()
    {
        var ps = ThreeFourTwelve();
        var result = GradientClipping.ByValue(ps, 4.5);
        Assert.Equal(13, result.NormBefore, 14);
        Assert.Equal([3.0, -4.0, 4.5], new[] { ps[0].Gradient[0, 0], ps[0].Gradient[1, 0], ps[1].Gradient[0, 0] });
        Assert.Equal(Math.Sqrt(9 + 16 + 4.5 * 4.5), result.NormAfter, 14);
    }

    [Fact]
    public void NaN_gradients_and_bad_thresholds_are_reported_clearly()
    {
        var ps = ThreeFourTwelve();
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByGlobalNorm(ps, 0)).ParamName);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByValue(ps, -1)).ParamName);
        ps[1].Gradient[0, 0] = double.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => GradientClipping.ByGlobalNorm(ps, 1));
        Assert.Contains("gradient of b", error.Message);
        Assert.Contains("learning rate", error.Message);
    }
}
