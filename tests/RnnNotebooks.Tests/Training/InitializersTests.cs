using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class InitializersTests
{
    static double Variance(Matrix<double> m)
    {
        double mean = m.Enumerate().Average();
        return m.Enumerate().Sum(x => (x - mean) * (x - mean)) / (m.RowCount * m.ColumnCount - 1);
    }

    [Fact]
    public void Xavier_uniform_has_variance_two_over_fan_in_plus_fan_out()
    {
        // 300×500: Var = 2/800 = 0.0025; 150 000 draws estimate it to within about 0.5%.
        var w = Initializers.XavierUniform(300, 500, new Random(1));
        Assert.Equal(0.0025, Variance(w), 0.0025 * 0.02);
        double limit = Math.Sqrt(6.0 / 800);
        Assert.All(w.Enumerate(), x => Assert.InRange(x, -limit, limit));
    }

    [Fact]
    public void Xavier_normal_has_variance_two_over_fan_in_plus_fan_out_times_gain_squared()
    {
        var w = Initializers.XavierNormal(300, 500, new Random(2), gain: 2.0);
        Assert.Equal(4 * 0.0025, Variance(w), 4 * 0.0025 * 0.02);
    }

    [Fact]
    public void Same_seed_gives_the_same_matrix()
    {
        Assert.Equal(Initializers.XavierNormal(4, 3, new Random(9)), Initializers.XavierNormal(4, 3, new Random(9)));
        Assert.NotEqual(Initializers.XavierNormal(4, 3, new Random(9)), Initializers.XavierNormal(4, 3, new Random(10)));
    }

    [Theory]
    [InlineData(50, 50)]
    [InlineData(40, 20)]
    [InlineData(20, 40)]
    public void Orthogonal_has_orthonormal_columns_or_rows(int rows, int columns)
    {
        var w = Initializers.Orthogonal(rows, columns, new Random(4));
        Assert.Equal((rows, columns), (w.RowCount, w.ColumnCount));
        var gram = rows >= columns ? w.TransposeThisAndMultiply(w) : w.TransposeAndMultiply(w);
        var identity = Matrix<double>.Build.DenseIdentity(Math.Min(rows, columns));
        Assert.True((gram - identity).InfinityNorm() < 1e-12, $"‖WᵀW − I‖∞ = {(gram - identity).InfinityNorm()}");
    }

    [Fact]
    public void Orthogonal_with_gain_has_every_eigenvalue_of_that_size()
    {
        var w = Initializers.Orthogonal(30, 30, new Random(6), gain: 1.1);
        Assert.All(w.Evd().EigenValues.Enumerate(), lambda => Assert.Equal(1.1, lambda.Magnitude, 10));
    }

    [Fact]
    public void Scaled_identity_is_scale_times_I()
    {
        var w = Initializers.ScaledIdentity(3, 0.5);
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new[,] { { 0.5, 0, 0 }, { 0, 0.5, 0 }, { 0, 0, 0.5 } }), w);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Spectral_radius_is_set_to_its_target(double target)
    {
        var w = Initializers.XavierNormal(64, 64, new Random(8));
        double before = Initializers.SetSpectralRadius(w, target);
        Assert.True(before > 0);
        Assert.Equal(target, Initializers.SpectralRadius(w), 1e-9);
    }

    [Fact]
    public void Spectral_radius_of_a_known_matrix()
    {
        // Eigenvalues of [[0, −2], [2, 0]] are ±2i: radius 2 although no real eigenvalue exists.
        var rotation = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, -2 }, { 2, 0 } });
        Assert.Equal(2, Initializers.SpectralRadius(rotation), 12);
    }

    [Fact]
    public void Bad_shapes_and_values_name_the_problem()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.XavierUniform(0, 3, new Random())).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Orthogonal(3, 3, new Random(), gain: -1)).ParamName);
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => Initializers.SpectralRadius(Matrix<double>.Build.Dense(3, 2))).Message);
        Assert.Contains("nilpotent", Assert.Throws<ArgumentException>(() => Initializers.SetSpectralRadius(Matrix<double>.Build.Dense(3, 3), 1.0)).Message);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.SetSpectralRadius(Matrix<double>.Build.DenseIdentity(3), 0)).ParamName);
    }
}
