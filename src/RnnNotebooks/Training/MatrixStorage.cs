using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

/// <summary>
/// The numbers of a dense MathNet matrix as one span (column-major), so optimisers and clipping
/// can update parameters in place without allocating.
/// </summary>
internal static class MatrixStorage
{
    /// <summary>The matrix's own storage; writing to the span changes the matrix.</summary>
    /// <exception cref="ArgumentException">The matrix is not dense (e.g. sparse or diagonal).</exception>
    public static Span<double> Entries(this Matrix<double> matrix, string name) =>
        matrix.AsColumnMajorArray() ?? throw new ArgumentException(
            $"The parameter {name} is stored as a {matrix.GetType().Name}; training needs dense matrices. " +
            "Create it with Matrix<double>.Build.Dense(...).", nameof(matrix));

    /// <summary>The parameter's value as a span.</summary>
    public static Span<double> ValueEntries(this Parameter parameter) => parameter.Value.Entries(parameter.Name);

    /// <summary>The parameter's gradient as a span.</summary>
    public static Span<double> GradientEntries(this Parameter parameter) => parameter.Gradient.Entries(parameter.Name);
}
