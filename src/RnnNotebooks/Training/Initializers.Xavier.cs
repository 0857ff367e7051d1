using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

/// <summary>
/// Initialisers: the starting values of weight matrices. A weight matrix W of shape rows×columns
/// maps a columns-long input to a rows-long output, so fan-in = columns and fan-out = rows.
/// Every random initialiser takes a seeded <see cref="Random"/>, so a notebook gets the same
/// numbers on every run.
/// </summary>
public static partial class Initializers
{
    /// <summary>
    /// Xavier/Glorot uniform (Glorot &amp; Bengio, 2010): entries from U(−a, a) with
    /// a = gain·√(6 / (fan-in + fan-out)), so Var = gain²·2 / (fan-in + fan-out) and signals keep
    /// roughly their size going forward and backward through tanh layers.
    /// </summary>
    public static Matrix<double> XavierUniform(int rows, int columns, Random random, double gain = 1.0)
    {
        double limit = gain * Math.Sqrt(6.0 / CheckShape(rows, columns, random, gain));
        return Matrix<double>.Build.Random(rows, columns, new ContinuousUniform(-limit, limit, random));
    }

    /// <summary>
    /// Xavier/Glorot normal: entries from N(0, σ²) with σ = gain·√(2 / (fan-in + fan-out)), the same
    /// variance as <see cref="XavierUniform"/>.
    /// </summary>
    public static Matrix<double> XavierNormal(int rows, int columns, Random random, double gain = 1.0)
    {
        double sigma = gain * Math.Sqrt(2.0 / CheckShape(rows, columns, random, gain));
        return Matrix<double>.Build.Random(rows, columns, new Normal(0, sigma, random));
    }

    /// <summary>Checks the shape, the generator and the gain; returns fan-in + fan-out.</summary>
    static int CheckShape(int rows, int columns, Random random, double gain)
    {
        CheckSize(rows, nameof(rows));
        CheckSize(columns, nameof(columns));
        ArgumentNullException.ThrowIfNull(random);
        CheckGain(gain);
        return rows + columns;
    }

    static void CheckSize(int size, string name)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(name, size, $"{name} must be a positive matrix dimension, e.g. the hidden size.");
    }

    static void CheckGain(double gain)
    {
        if (!(gain > 0) || double.IsInfinity(gain))
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "gain must be a positive finite factor, e.g. 1.0.");
    }
}
