using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Benchmarks;

/// <summary>
/// Each optimiser's update alone, on a character RNN's parameters (V = 65, H = 100: about 23k
/// numbers), and the two clippings: time per step and bytes allocated (expected 0).
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    Parameter[] _parameters = [];
    Optimizer _optimizer = null!;

    [Params("Sgd", "Momentum", "Nesterov", "Adagrad", "RmsProp", "Adam")]
    public string Optimizer { get; set; } = "Adam";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        (string, int, int)[] shapes = [("W_xh", 100, 65), ("W_hh", 100, 100), ("b_h", 100, 1), ("W_hy", 65, 100), ("b_y", 65, 1)];
        _parameters = shapes.Select(s => new Parameter(s.Item1, Matrix<double>.Build.Dense(s.Item2, s.Item3, (_, _) => random.NextDouble() - 0.5))).ToArray();
        foreach (var p in _parameters) p.Value.CopyTo(p.Gradient);
        _optimizer = Optimizer switch
        {
            "Sgd" => new Sgd(1e-9),
            "Momentum" => new Momentum(1e-9),
            "Nesterov" => new Momentum(1e-9, nesterov: true),
            "Adagrad" => new Adagrad(1e-9),
            "RmsProp" => new RmsProp(1e-9),
            _ => new Adam(1e-9),
        };
    }

    /// <summary>Reference: one pass copying every value into its gradient (the memory-traffic floor);
    /// on a shared machine the Ratio column is steadier than the times.</summary>
    [Benchmark(Baseline = true)]
    public void CopyValues()
    {
        foreach (var p in _parameters) p.Value.CopyTo(p.Gradient);
    }

    [Benchmark]
    public void Update() => _optimizer.Step(_parameters);

    [Benchmark]
    public ClippingResult ClipByGlobalNorm() => GradientClipping.ByGlobalNorm(_parameters, 1e9);

    [Benchmark]
    public ClippingResult ClipByValue() => GradientClipping.ByValue(_parameters, 1e9);
}
