using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

public static partial class Initializers
{
    /// <summary>
    /// The spectral radius ρ(W): the largest |eigenvalue| of a square matrix (eigenvalues may be
    /// complex). Through T steps a linear recurrence scales the state roughly like ρᵗ: below 1
    /// gradients through time vanish, above 1 they explode.
    /// </summary>
    public static double SpectralRadius(Matrix<double> weights)
    {
        CheckSquare(weights);
        return weights.Evd().EigenValues.Enumerate().Max(lambda => lambda.Magnitude);
    }

    /// <summary>
    /// Rescales <paramref name="weights"/> in place so its spectral radius becomes
    /// <paramref name="radius"/> (multiplying W by c multiplies every eigenvalue by c). Use it on
    /// W_hh for the vanishing/exploding-gradient experiment: e.g. 0.5, 1.0 and 1.5.
    /// </summary>
    /// <returns>The spectral radius before rescaling.</returns>
    public static double SetSpectralRadius(Matrix<double> weights, double radius)
    {
        if (!(radius > 0) || double.IsInfinity(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be a positive finite number, e.g. 0.9 or 1.5.");
        double current = SpectralRadius(weights);
        if (!(current > 0) || double.IsInfinity(current))
            throw new ArgumentException(
                $"The matrix's spectral radius is {current}, so no rescaling can make it {radius}: " +
                "start from a random matrix (e.g. Initializers.XavierNormal or Orthogonal), not a zero or nilpotent one.", nameof(weights));
        weights.Multiply(radius / current, weights);
        return current;
    }

    static void CheckSquare(Matrix<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.RowCount != weights.ColumnCount)
            throw new ArgumentException(
                $"The spectral radius needs a square matrix like W_hh (hidden×hidden), but this one is {weights.RowCount}×{weights.ColumnCount}.", nameof(weights));
    }
}
