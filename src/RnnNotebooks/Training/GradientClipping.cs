using System.Numerics;
using RnnNotebooks.Cores;

namespace RnnNotebooks.Training;

/// <summary>
/// Gradient clipping: the standard cure for exploding gradients in recurrent networks
/// (Pascanu et al., 2013). Call it between the backward pass and the optimiser step.
/// <list type="bullet">
/// <item><see cref="ByGlobalNorm"/> rescales all gradients together when their joint norm exceeds a
/// threshold, so the update keeps its direction and only its length shrinks.</item>
/// <item><see cref="ByValue"/> clamps every entry to [−c, c] (as min-char-rnn does); simpler, but it
/// changes the direction of the update.</item>
/// </list>
/// Both work in place and allocate nothing.
/// </summary>
public static class GradientClipping
{
    /// <summary>‖∂L/∂θ‖ of one parameter: the square root of the sum of its squared gradient entries.</summary>
    public static double Norm(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Norm(parameter.GradientEntries());
    }

    /// <summary>The global gradient norm √(Σ over parameters of ‖∂L/∂θ‖²): the length of the whole update direction.</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double total = 0;
        for (int i = 0; i < parameters.Count; i++) total = double.Hypot(total, Norm(parameters[i]));
        return total;
    }

    /// <summary>
    /// If the global gradient norm exceeds <paramref name="maxNorm"/>, multiplies every gradient by
    /// maxNorm / norm so the norm becomes (just under) maxNorm; otherwise leaves them alone.
    /// </summary>
    /// <exception cref="InvalidOperationException">A gradient contains NaN or infinity: no rescaling can fix it.</exception>
    public static ClippingResult ByGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        CheckThreshold(maxNorm, nameof(maxNorm), 5.0);
        return ScaleDown(parameters, maxNorm, FiniteGlobalNorm(parameters));
    }

    /// <summary>The rescaling of <see cref="ByGlobalNorm"/> when the caller already knows the (finite) norm.</summary>
    internal static ClippingResult ScaleDown(IReadOnlyList<Parameter> parameters, double maxNorm, double norm)
    {
        if (norm <= maxNorm) return new(norm, norm);
        // The 1e-6 (as in PyTorch) keeps the clipped norm strictly below the threshold despite rounding.
        double scale = maxNorm / (norm + 1e-6);
        for (int i = 0; i < parameters.Count; i++) Scale(parameters[i].GradientEntries(), scale);
        return new(norm, norm * scale);
    }

    /// <summary>Clamps every gradient entry to [−<paramref name="maxValue"/>, <paramref name="maxValue"/>].</summary>
    /// <exception cref="InvalidOperationException">A gradient contains NaN or infinity.</exception>
    public static ClippingResult ByValue(IReadOnlyList<Parameter> parameters, double maxValue)
    {
        CheckThreshold(maxValue, nameof(maxValue), 5.0);
        double before = FiniteGlobalNorm(parameters);
        for (int i = 0; i < parameters.Count; i++) Clamp(parameters[i].GradientEntries(), maxValue);
        return new(before, GlobalNorm(parameters));
    }

    static double FiniteGlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        double norm = GlobalNorm(parameters);
        if (double.IsFinite(norm)) return norm;
        for (int i = 0; i < parameters.Count; i++)
            if (!double.IsFinite(Norm(parameters[i])))
                throw new InvalidOperationException(
                    $"The gradient of {parameters[i].Name} contains NaN or infinity, so clipping cannot rescale it. " +
                    "The backward pass overflowed: lower the learning rate, clip earlier in training, or check the loss for log(0).");
        return norm;
    }

    static void CheckThreshold(double threshold, string name, double typical)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(name, threshold, $"{name} must be a positive finite number, e.g. {typical}.");
    }

    /// <summary>The Euclidean norm of a span, safe from overflow of the squares.</summary>
    internal static double Norm(ReadOnlySpan<double> entries)
    {
        double sumOfSquares = SumOfSquares(entries, 1);
        if (!double.IsInfinity(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        // Squares above 1e308 overflow although the norm itself may be representable (exploding
        // gradients reach such sizes): divide by the largest magnitude first.
        double largest = 0;
        foreach (double x in entries) largest = Math.Max(largest, Math.Abs(x));
        return double.IsInfinity(largest) ? largest : largest * Math.Sqrt(SumOfSquares(entries, 1 / largest));
    }

    // A long span (a large weight matrix) is summed in two halves on two cores, and the halves'
    // sums added: on one core the same two sums are taken one after the other, so the norm does
    // not depend on the number of cores.
    static double SumOfSquares(ReadOnlySpan<double> entries, double scale) =>
        entries.Length >= UpdateRule.SplitAt ? SquareSums.Run(entries, scale) : SumOfSquaresHere(entries, scale);

    sealed unsafe class SquareSums : IHalves
    {
        [ThreadStatic] static SquareSums? _cached;
        double* _entries;
        int _length;
        double _scale, _lower, _upper;

        public static double Run(ReadOnlySpan<double> entries, double scale)
        {
            var sums = _cached ??= new SquareSums();
            fixed (double* e = entries)
            {
                sums._entries = e;
                sums._length = entries.Length;
                sums._scale = scale;
                SecondCore.Run(sums);
            }
            return sums._lower + sums._upper;
        }

        public void Run(int half)
        {
            int split = _length / 2;
            if (half == 0) _lower = SumOfSquaresHere(new ReadOnlySpan<double>(_entries, split), _scale);
            else _upper = SumOfSquaresHere(new ReadOnlySpan<double>(_entries + split, _length - split), _scale);
        }
    }

    static double SumOfSquaresHere(ReadOnlySpan<double> entries, double scale)
    {
        int width = Vector<double>.Count, i = 0;
        var sums = Vector<double>.Zero;
        for (; i <= entries.Length - width; i += width)
        {
            var x = new Vector<double>(entries.Slice(i, width)) * scale;
            sums += x * x;
        }
        double total = Vector.Sum(sums);
        for (; i < entries.Length; i++) total += entries[i] * scale * (entries[i] * scale);
        return total;
    }

    static void Clamp(Span<double> entries, double limit)
    {
        int width = Vector<double>.Count, i = 0;
        Vector<double> upper = new(limit), lower = -upper;
        for (; i <= entries.Length - width; i += width)
            // The "native" min/max skip IEEE NaN handling: the gradients were checked to be finite.
            Vector.MinNative(Vector.MaxNative(new Vector<double>(entries.Slice(i, width)), lower), upper).CopyTo(entries.Slice(i, width));
        for (; i < entries.Length; i++) entries[i] = Math.Clamp(entries[i], -limit, limit);
    }

    static void Scale(Span<double> entries, double factor)
    {
        int width = Vector<double>.Count, i = 0;
        for (; i <= entries.Length - width; i += width)
            (new Vector<double>(entries.Slice(i, width)) * factor).CopyTo(entries.Slice(i, width));
        for (; i < entries.Length; i++) entries[i] *= factor;
    }
}
