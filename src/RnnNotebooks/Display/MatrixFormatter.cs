using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Display;

/// <summary>
/// Shows a matrix or vector as an HTML table headed by its shape ("Matrix 3×4", "Vector 5"). Large ones
/// show their first and last rows and columns around an ellipsis (⋮, …), so a 100×65 weight matrix
/// stays one screen. For the picture rather than the numbers, see <see cref="MatrixHeatmap"/>.
/// </summary>
public static class MatrixFormatter
{
    /// <summary>Rows shown before truncating (the first and last few are kept).</summary>
    public static int MaxRows { get; set; } = 12;

    /// <summary>Columns shown before truncating (the first and last few are kept).</summary>
    public static int MaxColumns { get; set; } = 12;

    /// <summary>The HTML table of <paramref name="matrix"/>.</summary>
    public static string ToHtml(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = Shown(matrix.RowCount, MaxRows);
        var cols = Shown(matrix.ColumnCount, MaxColumns);
        var header = new List<string> { "" };
        header.AddRange(cols.Select(c => c is int j ? j.ToString() : "…"));
        var body = rows.Select(r => Row(r, cols, (i, j) => matrix[i, j], "⋮"));
        return HtmlText.Table("rnn-matrix", $"Matrix {matrix.RowCount}×{matrix.ColumnCount}", header, body);
    }

    /// <summary>The HTML table of <paramref name="vector"/>, laid out as one row.</summary>
    public static string ToHtml(Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var cols = Shown(vector.Count, MaxColumns);
        var header = cols.Select(c => c is int j ? j.ToString() : "…");
        var body = new[] { cols.Select(c => c is int j ? HtmlText.Number(vector[j]) : "…") };
        return HtmlText.Table("rnn-vector", $"Vector {vector.Count}", header, body);
    }

    static IEnumerable<string> Row(int? r, IReadOnlyList<int?> cols, Func<int, int, double> at, string ellipsis)
    {
        yield return r is int i ? $"<b>{i}</b>" : ellipsis;
        foreach (var c in cols)
            yield return r is int row && c is int col ? HtmlText.Number(at(row, col)) : ellipsis;
    }

    /// <summary>The indices to show out of <paramref name="count"/>: all, or the head and tail with a null (the ellipsis) between.</summary>
    internal static IReadOnlyList<int?> Shown(int count, int max)
    {
        if (count <= max || max < 3) return Enumerable.Range(0, count).Select(i => (int?)i).ToList();
        int tail = (max - 1) / 2, head = max - 1 - tail;
        return Enumerable.Range(0, head).Select(i => (int?)i)
            .Append(null)
            .Concat(Enumerable.Range(count - tail, tail).Select(i => (int?)i))
            .ToList();
    }
}
