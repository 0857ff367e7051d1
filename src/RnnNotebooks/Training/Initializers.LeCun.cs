using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

public static partial class Initializers
{
    /// <summary>
    /// LeCun normal (LeCun et al., "Efficient BackProp", 1998): entries from N(0, 1/fan-in), so each unit's
    /// weighted sum of order-1 inputs is itself of order 1 whatever the fan-in. The perceptrons' DenseLayer
    /// draws its weights this way.
    /// </summary>
    public static Matrix<double> LeCunNormal(int rows, int columns, Random random)
    {
        CheckShape(rows, columns, random, gain: 1);
        return Matrix<double>.Build.Random(rows, columns, new Normal(0, 1 / Math.Sqrt(columns), random));
    }
}
