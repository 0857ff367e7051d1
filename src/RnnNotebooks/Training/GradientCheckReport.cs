namespace RnnNotebooks.Training;

/// <summary>How one parameter tensor fared in a <see cref="GradientCheck"/>.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Shape">Its shape, rows×columns.</param>
/// <param name="EntriesChecked">How many entries were perturbed.</param>
/// <param name="AnalyticNorm">‖g‖ over the checked entries (backpropagation).</param>
/// <param name="NumericNorm">‖g_fd‖ over the checked entries (finite differences).</param>
/// <param name="RelativeError">‖g − g_fd‖ / max(‖g‖ + ‖g_fd‖, 1e-12).</param>
/// <param name="Passed">Whether the relative error is below the tolerance.</param>
public sealed record ParameterGradientCheck(
    string Name, string Shape, int EntriesChecked, double AnalyticNorm, double NumericNorm, double RelativeError, bool Passed);

/// <summary>The outcome of a <see cref="GradientCheck"/>: one row per parameter tensor.</summary>
public sealed record GradientCheckReport(IReadOnlyList<ParameterGradientCheck> Parameters, double Tolerance, double Epsilon)
{
    /// <summary>True when every parameter tensor passed.</summary>
    public bool Passed => Parameters.All(p => p.Passed);

    /// <summary>The worst relative error over all tensors.</summary>
    public double MaxRelativeError => Parameters.Max(p => p.RelativeError);

    /// <summary>A plain-text table, for consoles and logs.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"Gradient check (ε = {Epsilon:G2}, tolerance {Tolerance:G2}): {(Passed ? "PASS" : "FAIL")}" };
        foreach (var p in Parameters)
            lines.Add($"  {(p.Passed ? "✓" : "✗")} {p.Name,-10} {p.Shape,-9} relative error {p.RelativeError:E2}");
        return string.Join(Environment.NewLine, lines);
    }
}
