using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace RnnNotebooks.Layers;

/// <summary>
/// C += op(A)·op(B) in place, where op is the identity or the transpose. Backpropagation is mostly
/// sums of such products (dW += δ·hᵀ, dh += Wᵀ·δ); writing them into C directly, rather than as
/// <c>C = C + A * B</c>, spares a fresh H×H matrix per time step.
/// </summary>
internal static class ProductAccumulation
{
    /// <summary>c += op(a)·op(b).</summary>
    public static void AddProduct(Matrix<double> c, Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB)
    {
        int rows = transposeA ? a.ColumnCount : a.RowCount, inner = transposeA ? a.RowCount : a.ColumnCount;
        int innerB = transposeB ? b.ColumnCount : b.RowCount, columns = transposeB ? b.RowCount : b.ColumnCount;
        if (inner != innerB || c.RowCount != rows || c.ColumnCount != columns)
            throw new ArgumentException($"Cannot add a {rows}×{inner} by {innerB}×{columns} product into a {c.RowCount}×{c.ColumnCount} matrix.");
        LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
            transposeA ? Transpose.Transpose : Transpose.DontTranspose,
            transposeB ? Transpose.Transpose : Transpose.DontTranspose,
            1.0, Storage(a), a.RowCount, a.ColumnCount, Storage(b), b.RowCount, b.ColumnCount, 1.0, Storage(c));
    }

    static double[] Storage(Matrix<double> m) =>
        m.AsColumnMajorArray() ?? throw new ArgumentException("Expected a dense matrix (Matrix<double>.Build.Dense).");
}
