using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Training;

/// <summary>
/// The smallest real model for trainer tests: ŷ = W·x + b on seeded synthetic data
/// y = (2, −1, 0.5)·x + 0.3 + noise(σ = 0.1), loss = mean squared error over a mini-batch of 16.
/// The best achievable loss is the noise variance, 0.01.
/// </summary>
sealed class LinearRegressionModel : IModel
{
    public const int Features = 3, BatchSize = 16, Examples = 256;
    readonly Matrix<double> _x;   // Features × Examples
    readonly Vector<double> _y;
    readonly Matrix<double> _prediction = Matrix<double>.Build.Dense(1, BatchSize);

    public LinearRegressionModel(int seed = 0)
    {
        var random = new Random(seed);
        _x = Matrix<double>.Build.Dense(Features, Examples, (_, _) => random.NextDouble() * 2 - 1);
        double[] trueW = [2, -1, 0.5];
        _y = Vector<double>.Build.Dense(Examples, j =>
            trueW[0] * _x[0, j] + trueW[1] * _x[1, j] + trueW[2] * _x[2, j] + 0.3 + 0.1 * Gaussian(random));
        W = new Parameter("W", Matrix<double>.Build.Dense(1, Features));
        B = new Parameter("b", Matrix<double>.Build.Dense(1, 1));
        Parameters = [W, B];
    }

    public Parameter W { get; }
    public Parameter B { get; }
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Forward and backward on mini-batch number <paramref name="step"/> (cycling through the data), without allocating.</summary>
    public StepOutcome TrainStep(int step)
    {
        int start = (step * BatchSize) % Examples;
        double loss = 0;
        for (int j = 0; j < BatchSize; j++)
        {
            int n = start + j;
            double prediction = B.Value[0, 0];
            for (int f = 0; f < Features; f++) prediction += W.Value[0, f] * _x[f, n];
            double error = prediction - _y[n];
            loss += error * error / BatchSize;
            // dL/dŷ = 2·error / batch.
            double dPrediction = 2 * error / BatchSize;
            for (int f = 0; f < Features; f++) W.Gradient[0, f] += dPrediction * _x[f, n];
            B.Gradient[0, 0] += dPrediction;
        }
        return new StepOutcome(loss, BatchSize);
    }

    /// <summary>Mean squared error over all the data.</summary>
    public double FullLoss()
    {
        var predictions = W.Value * _x;
        return Enumerable.Range(0, Examples).Average(n => Math.Pow(predictions[0, n] + B.Value[0, 0] - _y[n], 2));
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
