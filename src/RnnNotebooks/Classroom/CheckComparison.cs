using System.Globalization;

// Shared with the grader, as CheckValue.cs is.
#if RNN_GRADER
namespace RnnNotebooks.Runner.Classroom;
#else
namespace RnnNotebooks.Classroom;
#endif

/// <summary>
/// How a check decides, on plain data (<see cref="CheckValue"/>), in the learner's kernel and in the grader
/// alike. Close: |actual − expected| ≤ tolerance·max(1, |expected|) entry by entry (absolute for small numbers,
/// relative for large ones), shapes equal, NaN never passing. Equal: the same exact value, a sequence element
/// by element. Gradient: per matrix, ‖g − g_fd‖ / max(‖g‖ + ‖g_fd‖, 1e-12) below the tolerance, as
/// GradientCheck computes it. A failure describes the answer (its shape, the entry that is off) and never the
/// expected values.
/// </summary>
internal static class CheckComparison
{
    /// <summary>The verdict on <paramref name="actual"/> under the rule and expected value of <paramref name="expected"/>.</summary>
    public static (bool Passed, string Detail) Compare(CheckRecord expected, CheckValue? actual)
    {
        if (actual is null || actual.Form == "null") return (false, "is null: return a value.");
        if (actual.Form == "unsupported") return (false, $"is {actual.TypeName}, which no check can compare: return the type the exercise asks for.");
        var e = expected.Value;
        return expected.Rule switch
        {
            CheckRecord.Equal => Equal(e, actual),
            CheckRecord.Close when actual.Form == "numbers" && e.Form == "numbers" => Close(e, actual, expected.Tolerance),
            CheckRecord.Gradient when actual.Form == "numbers" && e.Form == "numbers" => Gradient(e, actual, expected.Tolerance),
            _ => (false, "is not a number, a vector or a matrix."),
        };
    }

    static (bool, string) Close(CheckValue expected, CheckValue actual, double tolerance)
    {
        if (Mismatch(expected, actual, gradient: false) is { } shape) return (false, shape);
        var (et, at) = (expected.Tensors![0], actual.Tensors![0]);
        bool isVector = expected.Layout != "matrix";
        if (expected.Layout == "number")
        {
            double a = at.Data[0];
            if (!double.IsFinite(a)) return (false, $"is {Format(a)}: {NotFinite}");
            double off1 = Math.Abs(a - et.Data[0]);
            return off1 <= tolerance * Math.Max(1, Math.Abs(et.Data[0])) ? (true, "")
                : (false, $"is {Format(a)}, off by {Format(off1)} (tolerance {Format(tolerance)}).");
        }
        int offRow = -1, offColumn = -1, offCount = 0;
        double worst = 0;
        for (int c = 0; c < at.Columns; c++)
            for (int r = 0; r < at.Rows; r++)
            {
                double a = at[r, c], x = et[r, c];
                if (!double.IsFinite(a)) return (false, $"entry {Entry(r, c, isVector)} is {Format(a)}: {NotFinite}");
                double excess = Math.Abs(a - x) / Math.Max(1, Math.Abs(x));
                if (excess <= tolerance) continue;
                offCount++;
                if (excess > worst) (worst, offRow, offColumn) = (excess, r, c);
            }
        if (offCount == 0) return (true, "");
        double value = at[offRow, offColumn], off = Math.Abs(value - et[offRow, offColumn]);
        string detail = $"entry {Entry(offRow, offColumn, isVector)} is {Format(value)}, off by {Format(off)} (tolerance {Format(tolerance)})";
        int total = at.Rows * at.Columns;
        return (false, detail + (total == 1 ? "." : $"; {offCount} of {total} entries are off."));
    }

    static (bool, string) Gradient(CheckValue expected, CheckValue actual, double tolerance)
    {
        if (Mismatch(expected, actual, gradient: true) is { } shape) return (false, shape);
        double worst = -1;
        string worstName = "";
        for (int k = 0; k < expected.Tensors!.Count; k++)
        {
            var (n, g) = (expected.Tensors[k], actual.Tensors![k]);
            double diff = 0, gNorm = 0, nNorm = 0;
            for (int i = 0; i < g.Data.Length; i++)
            {
                if (!double.IsFinite(g.Data[i]))
                    return (false, $"{Of(expected, n)}has the entry {Format(g.Data[i])}: look for a division by zero or a NaN in the backward pass, and zero the gradients before it runs.");
                diff += (g.Data[i] - n.Data[i]) * (g.Data[i] - n.Data[i]);
                gNorm += g.Data[i] * g.Data[i];
                nNorm += n.Data[i] * n.Data[i];
            }
            double relative = Math.Sqrt(diff) / Math.Max(Math.Sqrt(gNorm) + Math.Sqrt(nNorm), 1e-12);
            if (relative > worst) (worst, worstName) = (relative, Of(expected, n));
        }
        return worst < tolerance ? (true, "")
            : (false, $"{worstName}disagrees with finite differences: relative error {worst.ToString("E2", CultureInfo.InvariantCulture)} (tolerance {tolerance.ToString("G2", CultureInfo.InvariantCulture)}).");
    }

    static string Of(CheckValue expected, CheckTensor tensor) => expected.Tensors!.Count > 1 ? $"the gradient of {tensor.Name} " : "";

    /// <summary>Why the answer's shape cannot be compared with the expected one, or null when it can.</summary>
    static string? Mismatch(CheckValue expected, CheckValue actual, bool gradient)
    {
        var (es, acts) = (expected.Tensors!, actual.Tensors);
        if (acts is null || acts.Any(t => t is null || !t.IsWellFormed) || es.Count != acts.Count || (expected.Layout == "number") != (actual.Layout == "number"))
            return expected.Layout switch
            {
                "number" => "is not a number.",
                "tensors" => $"has {acts?.Count ?? 0} gradients, expected {es.Count} (one per parameter).",
                _ => "is not a vector or a matrix of the expected kind.",
            };
        for (int k = 0; k < es.Count; k++)
        {
            var (e, a) = (es[k], acts[k]);
            if (e.Rows == a.Rows && e.Columns == a.Columns) continue;
            bool isVector = expected.Layout == "vector";
            string name = es.Count > 1 ? $"the gradient of {e.Name} " : "";
            if (gradient)
                return isVector ? $"{name}has length {a.Rows * a.Columns}, expected {e.Rows} (one entry per input)."
                    : $"{name}has shape {a.Rows}×{a.Columns}, expected {e.Rows}×{e.Columns} (the shape of what it differentiates).";
            return isVector ? $"has shape {a.Rows * a.Columns}, expected {e.Rows}." : $"has shape {a.Rows}×{a.Columns}, expected {e.Rows}×{e.Columns}.";
        }
        return null;
    }

    static (bool, string) Equal(CheckValue expected, CheckValue actual)
    {
        if (actual.Form != "exact") return (false, "is not a value of the expected kind.");
        if (expected.Exact is System.Text.Json.Nodes.JsonArray e && actual.Exact is System.Text.Json.Nodes.JsonArray a)
        {
            if (e.Count != a.Count) return (false, $"has {a.Count} elements, expected {e.Count}.");
            for (int i = 0; i < e.Count; i++)
                if (Text(e[i]) != Text(a[i])) return (false, $"element [{i}] is {Describe(a[i])}, which is not the expected value.");
            return (true, "");
        }
        return Text(expected.Exact) == Text(actual.Exact) ? (true, "") : (false, $"is {Describe(actual.Exact)}, which is not the expected value.");
    }

    static string Text(System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>JSON as a person reads it (no \u escapes for &lt;, &gt;, quotes or accents); the feedback page escapes HTML itself.</summary>
    static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string Describe(System.Text.Json.Nodes.JsonNode? node)
    {
        string text = Text(node);

        return text.Length <= 80 ? text : text[..79] + "…";
    }

    const string NotFinite = "look for a division by zero, an exp that overflows, or a value used before it is set.";

    static string Entry(int r, int c, bool isVector) => isVector ? $"[{r}]" : $"[{r}, {c}]";

    public static string Format(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
