using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

/// <summary>
/// The budget is under 1 KB of garbage per training step. Optimisers and clipping must
/// contribute nothing once warmed up, so the budget is left to the model's own forward/backward.
/// </summary>
public class AllocationTests
{
    static Parameter[] RnnSizedParameters()
    {
        // The shapes of a small character RNN (V = 13, H = 21: W_xh, W_hh, b_h, W_hy, b_y); odd sizes
        // exercise the SIMD loop's tail. Small, because tests run unoptimised Debug builds.
        var random = new Random(0);
        (string, int, int)[] shapes = [("W_xh", 21, 13), ("W_hh", 21, 21), ("b_h", 21, 1), ("W_hy", 13, 21), ("b_y", 13, 1)];
        return shapes.Select(s => new Parameter(s.Item1, Matrix<double>.Build.Dense(s.Item2, s.Item3, (_, _) => random.NextDouble() - 0.5))).ToArray();
    }

    static void FillGradients(Parameter[] parameters, int step)
    {
        foreach (var p in parameters)
        {
            var g = p.Gradient.AsColumnMajorArray();
            var v = p.Value.AsColumnMajorArray();
            for (int i = 0; i < g.Length; i++) g[i] = v[i] + 0.01 * ((i + step) % 7 - 3);
        }
    }

    public static TheoryData<string> Optimizers => ["Sgd", "Momentum", "Nesterov", "Adagrad", "RmsProp", "Adam"];

    static Optimizer Create(string name) => name switch
    {
        "Sgd" => new Sgd(0.01),
        "Momentum" => new Momentum(0.01),
        "Nesterov" => new Momentum(0.01, nesterov: true),
        "Adagrad" => new Adagrad(0.01),
        "RmsProp" => new RmsProp(0.01),
        _ => new Adam(0.01),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Zeroing_clipping_and_the_optimiser_step_allocate_nothing_in_steady_state(string name)
    {
        var parameters = RnnSizedParameters();
        var optimizer = Create(name);
        void Step(int n)
        {
            foreach (var p in parameters) p.ZeroGradient();
            FillGradients(parameters, n);
            GradientClipping.ByValue(parameters, 5);
            GradientClipping.ByGlobalNorm(parameters, 1);
            optimizer.Step(parameters);
        }
        for (int n = 0; n < 20; n++) Step(n);   // state created, code jitted

        const int steps = 300;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < steps; n++) Step(n);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{name}: {allocated} bytes allocated in {steps} steps");
    }

    [Fact]
    public void A_whole_trainer_step_allocates_under_1_KB_in_steady_state()
    {
        // Includes the history's own bookkeeping (its lists grow by doubling), but no samples.
        var model = new LinearRegressionModel();
        var trainer = new Trainer(model, new Adam(0.01), new TrainerOptions { MaxGradientNorm = 1 });
        trainer.Run(100, model.TrainStep);

        const int steps = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Run(steps, model.TrainStep);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

        Assert.True(perStep < 1024, $"{perStep} bytes allocated per trainer step");
    }
}
