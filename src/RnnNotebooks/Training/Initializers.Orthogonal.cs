using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace RnnNotebooks.Training;

public static partial class Initializers
{
    /// <summary>
    /// Orthogonal initialisation (Saxe et al., 2014): gain × a random matrix with orthonormal columns
    /// (or rows, when it is wider than tall). For a square W_hh every singular value and every
    /// |eigenvalue| is exactly the gain, so repeated multiplication by W neither shrinks nor blows
    /// up the hidden state at the start of training.
    /// </summary>
    /// <remarks>
    /// Built as Q of the QR decomposition of a Gaussian matrix, with Q's columns signed by diag(R) so
    /// the result is uniformly distributed over orthogonal matrices.
    /// </remarks>
    public static Matrix<double> Orthogonal(int rows, int columns, Random random, double gain = 1.0)
    {
        CheckShape(rows, columns, random, gain);
        bool wide = rows < columns;
        int tall = Math.Max(rows, columns), narrow = Math.Min(rows, columns);
        var gaussian = Matrix<double>.Build.Random(tall, narrow, new Normal(0, 1, random));
        var qr = gaussian.QR(QRMethod.Thin);
        var q = qr.Q;
        for (int j = 0; j < narrow; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, q.Column(j).Negate());
        q.Multiply(gain, q);
        return wide ? q.Transpose() : q;
    }
}
