using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks.Training;

/// <summary>
/// Checks a backward pass against the definition of the derivative: for each checked entry θ,
/// (L(θ+ε) − L(θ−ε)) / 2ε, and compares per parameter tensor with the relative error
/// ‖g − g_fd‖ / max(‖g‖ + ‖g_fd‖, 1e-12). Centred differences are accurate to O(ε²), so in float64 a
/// correct backward pass gives errors near 1e-9 and a wrong one errors near 1.
/// </summary>
public static class GradientCheck
{
    /// <summary>The default tolerance for float64 checks in the course.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>
    /// Compares the gradients already stored in <paramref name="parameters"/> (run your backward pass
    /// first) with centred finite differences of <paramref name="loss"/>, which must compute the loss
    /// from the parameters' current values without changing them.
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Parameter.Gradient"/> to check.</param>
    /// <param name="loss">A forward pass returning the scalar loss.</param>
    /// <param name="epsilon">The finite-difference step.</param>
    /// <param name="tolerance">The largest relative error that passes.</param>
    /// <param name="entriesPerParameter">Check only this many entries of each tensor, drawn with
    /// <paramref name="seed"/>; null checks every entry.</param>
    /// <param name="seed">Seed for the sample of entries.</param>
    public static GradientCheckReport Run(
        IReadOnlyList<Parameter> parameters,
        Func<double> loss,
        double epsilon = 1e-5,
        double tolerance = DefaultTolerance,
        int? entriesPerParameter = null,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        if (parameters.Count == 0)
            throw new ArgumentException("There are no parameters to check: pass the model's Parameters list.", nameof(parameters));
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a small positive step, e.g. 1e-5.");
        if (!(tolerance > 0))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be positive, e.g. 1e-6.");
        if (entriesPerParameter is <= 0)
            throw new ArgumentOutOfRangeException(nameof(entriesPerParameter), entriesPerParameter, "entriesPerParameter must be positive, or null to check every entry.");

        double atStart = loss();
        if (!double.IsFinite(atStart))
            throw new InvalidOperationException(
                $"The loss itself is {atStart} at the parameters' current values, so there is nothing to compare the gradients with. Fix the loss first: look for log(0), division by zero or NaN inputs, or a model that diverged (retrain with a smaller learning rate or gradient clipping).");

        var random = new Random(seed);
        var results = new List<ParameterGradientCheck>(parameters.Count);
        foreach (var p in parameters)
        {
            var entries = ChooseEntries(p, entriesPerParameter, random);
            double diffSq = 0, analyticSq = 0, numericSq = 0;
            foreach (var (r, c) in entries)
            {
                var (plus, minus) = Perturbed(p, r, c, loss, epsilon);
                if (!double.IsFinite(plus) || !double.IsFinite(minus))
                    throw new InvalidOperationException(
                        $"The loss becomes {(double.IsFinite(plus) ? minus : plus)} when {Entry(p, r, c)} moves by ±{epsilon:G3}, so its finite difference is meaningless. The loss is finite at the current values: the step crosses a point where it is undefined (log(0)?); try a smaller epsilon or check the loss near these values.");
                if (!double.IsFinite(p.Gradient[r, c]))
                    throw new InvalidOperationException(
                        $"The gradient your backward pass stored for {Entry(p, r, c)} is {p.Gradient[r, c]}: look for a division by zero or a NaN in the backward pass, and zero the gradients before it runs.");

                double numeric = (plus - minus) / (2 * epsilon);
                double analytic = p.Gradient[r, c];
                diffSq += (analytic - numeric) * (analytic - numeric);
                analyticSq += analytic * analytic;
                numericSq += numeric * numeric;
            }
            double analyticNorm = Math.Sqrt(analyticSq), numericNorm = Math.Sqrt(numericSq);
            double relative = Math.Sqrt(diffSq) / Math.Max(analyticNorm + numericNorm, 1e-12);
            results.Add(new ParameterGradientCheck(p.Name, p.Shape, entries.Count, analyticNorm, numericNorm, relative, relative < tolerance));
        }
        return new GradientCheckReport(results, tolerance, epsilon);
    }

    /// <summary>
    /// The centred finite-difference gradients of <paramref name="loss"/> with respect to each parameter's
    /// value, (L(θ+ε) − L(θ−ε)) / 2ε entry by entry, each value left as it was: what a backward pass should
    /// have stored (a check's expected gradients).
    /// </summary>
    public static IReadOnlyList<Matrix<double>> NumericalGradients(IReadOnlyList<Parameter> parameters, Func<double> loss, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a small positive step, e.g. 1e-5.");
        return [.. parameters.Select(p => Matrix<double>.Build.Dense(p.Value.RowCount, p.Value.ColumnCount, (r, c) =>
        {
            var (plus, minus) = Perturbed(p, r, c, loss, epsilon);
            return (plus - minus) / (2 * epsilon);
        }))];
    }

    /// <summary>The centred finite-difference gradient of <paramref name="loss"/> at <paramref name="at"/> (which is left as it was).</summary>
    public static Matrix<double> NumericalGradient(Func<Matrix<double>, double> loss, Matrix<double> at, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        var point = new Parameter("point", at.Clone());
        return NumericalGradients([point], () => loss(point.Value), epsilon)[0];
    }

    /// <summary>The centred finite-difference gradient of <paramref name="loss"/> at the vector <paramref name="at"/>.</summary>
    public static Vector<double> NumericalGradient(Func<Vector<double>, double> loss, Vector<double> at, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        return NumericalGradient(m => loss(m.Column(0)), at.ToColumnMatrix(), epsilon).Column(0);
    }

    /// <summary>L with one entry moved by +ε and by −ε; the entry is restored.</summary>
    static (double Plus, double Minus) Perturbed(Parameter p, int r, int c, Func<double> loss, double epsilon)
    {
        double original = p.Value[r, c];
        try
        {
            p.Value[r, c] = original + epsilon;
            double plus = loss();
            p.Value[r, c] = original - epsilon;
            return (plus, loss());
        }
        finally { p.Value[r, c] = original; }
    }

    static string Entry(Parameter p, int r, int c) => $"{(p.Name.Length > 0 ? p.Name : "the parameter")}[{r}, {c}]";

    static List<(int Row, int Column)> ChooseEntries(Parameter p, int? sample, Random random)
    {
        int rows = p.Value.RowCount, cols = p.Value.ColumnCount, total = rows * cols;
        var all = Enumerable.Range(0, total).Select(i => (i / cols, i % cols)).ToList();
        if (sample is null || sample >= total) return all;
        // Partial Fisher–Yates: a seeded sample without repeats.
        for (int i = 0; i < sample; i++)
        {
            int j = random.Next(i, total);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all.GetRange(0, sample.Value);
    }
}
