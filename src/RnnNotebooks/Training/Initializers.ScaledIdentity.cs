using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

public static partial class Initializers
{
    /// <summary>
    /// scale × I (n×n): the IRNN start (Le, Jaitly &amp; Hinton, 2015). With ReLU and W_hh = I the
    /// hidden state is copied forward unchanged, so gradients neither vanish nor explode at first.
    /// </summary>
    public static Matrix<double> ScaledIdentity(int size, double scale = 1.0)
    {
        CheckSize(size, nameof(size));
        if (!double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be a finite number, e.g. 1.0 or 0.5.");
        return Matrix<double>.Build.DenseIdentity(size).Multiply(scale);
    }
}
