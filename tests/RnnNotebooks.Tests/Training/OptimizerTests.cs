using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

public class OptimizerTests
{
    /// <summary>A 1×1 parameter θ, updated twice with gradients g₁ then g₂; returns θ after each step.</summary>
    static (double First, double Second) TwoSteps(Optimizer optimizer, double theta, double g1, double g2)
    {
        var p = new Parameter("θ", Matrix<double>.Build.Dense(1, 1, theta));
        p.Gradient[0, 0] = g1;
        optimizer.Step([p]);
        double first = p.Value[0, 0];
        p.Gradient[0, 0] = g2;
        optimizer.Step([p]);
        return (first, p.Value[0, 0]);
    }

    [Fact]
    public void Momentum_two_steps_match_hand_computation()
    {
        // μ = 0.9, η = 0.1, g = 0.5 twice.
        // v₁ = 0.5, θ₁ = 1 − 0.1·0.5 = 0.95;  v₂ = 0.9·0.5 + 0.5 = 0.95, θ₂ = 0.95 − 0.1·0.95 = 0.855.
        var (first, second) = TwoSteps(new Momentum(0.1, 0.9), 1.0, 0.5, 0.5);
        Assert.Equal(0.95, first, 14);
        Assert.Equal(0.855, second, 14);
    }

    [Fact]
    public void Nesterov_momentum_two_steps_match_hand_computation()
    {
        // θ₁ = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905;  v₂ = 0.95, θ₂ = 0.905 − 0.1·(0.5 + 0.9·0.95) = 0.7695.
        var (first, second) = TwoSteps(new Momentum(0.1, 0.9, nesterov: true), 1.0, 0.5, 0.5);
        Assert.Equal(0.905, first, 14);
        Assert.Equal(0.7695, second, 14);
    }

    [Fact]
    public void Adagrad_two_steps_match_hand_computation()
    {
        // η = 0.1, g = 0.5 twice: G₁ = 0.25, θ₁ = 1 − 0.1·0.5/(0.5 + 1e-8) ≈ 0.9;
        // G₂ = 0.5, θ₂ = θ₁ − 0.1·0.5/√0.5 = θ₁ − 0.0707106781…
        var (first, second) = TwoSteps(new Adagrad(0.1), 1.0, 0.5, 0.5);
        Assert.Equal(0.900000002, first, 12);
        Assert.Equal(0.8292893248813452, second, 12);
    }

    [Fact]
    public void RmsProp_two_steps_match_hand_computation()
    {
        // η = 0.01, ρ = 0.9, g = 0.5 then −1: s₁ = 0.1·0.25 = 0.025, θ₁ = 1 − 0.01·0.5/√0.025 = 1 − 0.0316227766…;
        // s₂ = 0.9·0.025 + 0.1·1 = 0.1225 = 0.35², θ₂ = θ₁ + 0.01/0.35.
        var (first, second) = TwoSteps(new RmsProp(0.01, 0.9), 1.0, 0.5, -1.0);
        Assert.Equal(0.968377225398316, first, 12);
        Assert.Equal(0.9969486531534181, second, 12);
    }

    [Fact]
    public void Adam_two_steps_match_hand_computation_with_bias_correction()
    {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999, g = 0.5 then −1.
        // t = 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, θ₁ = 1 − 0.1·0.5/0.5 = 0.9 (ε moves it by 2e-9).
        // t = 2: m = −0.055, v = 0.00124975, m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999,
        //        θ₂ = 0.9 + 0.1·0.28947…/√0.62518… = 0.93661035…
        var adam = new Adam(0.1);
        var (first, second) = TwoSteps(adam, 1.0, 0.5, -1.0);
        Assert.Equal(0.900000002, first, 12);
        Assert.Equal(0.9366103542405653, second, 12);
        Assert.Equal(2, adam.StepCount);
    }

    public static TheoryData<string> AllOptimizers => ["Sgd", "Momentum", "Nesterov", "Adagrad", "RmsProp", "Adam"];

    static Optimizer Create(string name, double learningRate) => name switch
    {
        "Sgd" => new Sgd(learningRate),
        "Momentum" => new Momentum(learningRate, 0.9),
        "Nesterov" => new Momentum(learningRate, 0.9, nesterov: true),
        "Adagrad" => new Adagrad(learningRate),
        "RmsProp" => new RmsProp(learningRate),
        "Adam" => new Adam(learningRate),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void Every_entry_is_updated_on_its_own_whatever_the_tensor_size(string name)
    {
        // 11×3 = 33 entries go through the SIMD loop and its padded tail; 33 separate 1×1 parameters
        // go through the tail only. Both must give exactly the same numbers over several steps.
        var random = new Random(5);
        var big = new Parameter("big", Matrix<double>.Build.Dense(11, 3, (_, _) => random.NextDouble() - 0.5));
        var singles = Enumerable.Range(0, big.Count)
            .Select(k => new Parameter($"s{k}", Matrix<double>.Build.Dense(1, 1, big.Value[k % 11, k / 11]))).ToArray();
        var optimizerBig = Create(name, 0.05);
        var optimizerSingles = Create(name, 0.05);
        for (int step = 0; step < 4; step++)
        {
            for (int k = 0; k < big.Count; k++)
            {
                double g = random.NextDouble() * 2 - 1;
                big.Gradient[k % 11, k / 11] = g;
                singles[k].Gradient[0, 0] = g;
            }
            optimizerBig.Step([big]);
            optimizerSingles.Step(singles);
        }
        for (int k = 0; k < big.Count; k++)
            Assert.Equal(singles[k].Value[0, 0], big.Value[k % 11, k / 11]);
    }

    /// <summary>Rosenbrock's valley f(x, y) = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1), from (−1.2, 1).</summary>
    static (double X, double Y, int Steps) MinimiseRosenbrock(Optimizer optimizer, int maxSteps, double tolerance)
    {
        var p = new Parameter("xy", Matrix<double>.Build.DenseOfArray(new[,] { { -1.2 }, { 1.0 } }));
        for (int step = 1; step <= maxSteps; step++)
        {
            double x = p.Value[0, 0], y = p.Value[1, 0];
            p.Gradient[0, 0] = -2 * (1 - x) - 400 * x * (y - x * x);
            p.Gradient[1, 0] = 200 * (y - x * x);
            optimizer.Step([p]);
            if (Math.Abs(p.Value[0, 0] - 1) < tolerance && Math.Abs(p.Value[1, 0] - 1) < tolerance)
                return (p.Value[0, 0], p.Value[1, 0], step);
        }
        return (p.Value[0, 0], p.Value[1, 0], maxSteps + 1);
    }

    [Theory]
    // Budgets are about 1.5× the steps each needed when written (3246, 3287, 3013, 8093, 8781).
    [InlineData("Momentum", 0.0005, 5_000)]
    [InlineData("Nesterov", 0.0005, 5_000)]
    [InlineData("Adam", 0.02, 5_000)]
    [InlineData("RmsProp", 0.001, 12_000)]
    [InlineData("Adagrad", 0.5, 13_000)]
    public void Minimises_the_Rosenbrock_function_within_the_step_budget(string name, double learningRate, int budget)
    {
        var (x, y, steps) = MinimiseRosenbrock(Create(name, learningRate), budget, 1e-3);
        Assert.True(steps <= budget, $"{name} reached ({x}, {y}) after {budget} steps, not within 1e-3 of (1, 1).");
    }

    [Theory]
    [InlineData("Sgd", 0.03)]
    [InlineData("Momentum", 0.03)]
    [InlineData("Nesterov", 0.03)]
    [InlineData("Adagrad", 0.5)]
    [InlineData("RmsProp", 0.003)] // RMSprop's steps stay about η long, so it rattles around the minimum at ±η/2
    [InlineData("Adam", 0.05)]
    public void Minimises_an_ill_conditioned_quadratic_within_2000_steps(string name, double learningRate)
    {
        // L(θ) = ½(θ₁² + 25·θ₂²) from (3, −2): curvatures 1 and 25, minimum at 0.
        var p = new Parameter("θ", Matrix<double>.Build.DenseOfArray(new[,] { { 3.0 }, { -2.0 } }));
        var optimizer = Create(name, learningRate);
        for (int step = 0; step < 2000; step++)
        {
            p.Gradient[0, 0] = p.Value[0, 0];
            p.Gradient[1, 0] = 25 * p.Value[1, 0];
            optimizer.Step([p]);
        }
        double loss = 0.5 * (Math.Pow(p.Value[0, 0], 2) + 25 * Math.Pow(p.Value[1, 0], 2));
        Assert.True(loss < 1e-4, $"{name}: loss {loss} after 2000 steps.");
    }

    [Fact]
    public void Reset_forgets_state_and_step_count()
    {
        var adam = new Adam(0.1);
        var (first, _) = TwoSteps(adam, 1.0, 0.5, -1.0);
        adam.Reset();
        Assert.Equal(0, adam.StepCount);
        var (again, _) = TwoSteps(adam, 1.0, 0.5, -1.0);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Bad_hyperparameters_name_the_argument()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(-1e-3)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(double.NaN)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, 1.0)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: 1.5)).ParamName);
        Assert.Equal("decay", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(0.1, decay: -0.1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(0.1, epsilon: 0)).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1).LearningRate = 0);
        Assert.Contains("positive", error.Message);
    }

    [Fact]
    public void A_non_dense_parameter_gets_a_clear_error()
    {
        var p = new Parameter("D", Matrix<double>.Build.DiagonalIdentity(3));
        var error = Assert.Throws<ArgumentException>(() => new Sgd(0.1).Step([p]));
        Assert.Contains("D", error.Message);
        Assert.Contains("Matrix<double>.Build.Dense", error.Message);
    }
}
