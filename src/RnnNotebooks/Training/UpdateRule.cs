using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnNotebooks.Training;

/// <summary>
/// One optimiser's formula for a single entry, written once over SIMD vectors: given the gradient g
/// and up to two state values (updated in place), return the amount to subtract from θ.
/// </summary>
internal interface IUpdateRule
{
    Vector<double> Step(Vector<double> gradient, ref Vector<double> first, ref Vector<double> second);
}

/// <summary>
/// Runs an <see cref="IUpdateRule"/> over every entry of a parameter, several entries at a time
/// (System.Numerics.Vector), in place and without allocating.
/// </summary>
internal static class UpdateRule
{
    /// <summary>θ ← θ − rule(g, state) entry by entry; unused state spans are empty.</summary>
    public static void Apply<TRule>(in TRule rule, Span<double> value, ReadOnlySpan<double> gradient, Span<double> first, Span<double> second)
        where TRule : struct, IUpdateRule
    {
        int n = value.Length, width = Vector<double>.Count;
        if (gradient.Length != n || !first.IsEmpty && first.Length != n || !second.IsEmpty && second.Length != n)
            throw new ArgumentException("A parameter's value, gradient and optimiser state must have the same number of entries.");

        int whole = n - n % width;
        ApplyWholeVectors(rule, value[..whole], gradient[..whole], first.IsEmpty ? [] : first[..whole], second.IsEmpty ? [] : second[..whole]);
        if (whole == n) return;

        // The last n mod width entries: pad them to one whole vector on the stack, so each rule's
        // formula exists only once. The padding's results are thrown away.
        int rest = n - whole;
        Span<double> padded = stackalloc double[4 * width];
        var v = padded[..width];
        var g = padded.Slice(width, width);
        var s1 = first.IsEmpty ? [] : padded.Slice(2 * width, width);
        var s2 = second.IsEmpty ? [] : padded.Slice(3 * width, width);
        value[whole..].CopyTo(v);
        gradient[whole..].CopyTo(g);
        if (!first.IsEmpty) first[whole..].CopyTo(s1);
        if (!second.IsEmpty) second[whole..].CopyTo(s2);
        ApplyWholeVectors(rule, v, g, s1, s2);
        v[..rest].CopyTo(value[whole..]);
        if (!first.IsEmpty) s1[..rest].CopyTo(first[whole..]);
        if (!second.IsEmpty) s2[..rest].CopyTo(second[whole..]);
    }

    /// <summary>The hot loop; every span's length is the same multiple of the vector width (or 0 for unused state).</summary>
    static void ApplyWholeVectors<TRule>(in TRule rule, Span<double> value, ReadOnlySpan<double> gradient, Span<double> first, Span<double> second)
        where TRule : struct, IUpdateRule
    {
        // Unchecked loads and stores: the lengths were checked once above, and per-vector slicing
        // would cost more than the arithmetic of the simpler rules.
        ref double theta = ref MemoryMarshal.GetReference(value);
        ref double g = ref MemoryMarshal.GetReference(gradient);
        ref double s1 = ref MemoryMarshal.GetReference(first);
        ref double s2 = ref MemoryMarshal.GetReference(second);
        bool hasFirst = !first.IsEmpty, hasSecond = !second.IsEmpty;
        nuint n = (nuint)value.Length, width = (nuint)Vector<double>.Count;
        for (nuint i = 0; i < n; i += width)
        {
            var state1 = hasFirst ? Vector.LoadUnsafe(ref s1, i) : default;
            var state2 = hasSecond ? Vector.LoadUnsafe(ref s2, i) : default;
            var step = rule.Step(Vector.LoadUnsafe(ref g, i), ref state1, ref state2);
            (Vector.LoadUnsafe(ref theta, i) - step).StoreUnsafe(ref theta, i);
            if (hasFirst) state1.StoreUnsafe(ref s1, i);
            if (hasSecond) state2.StoreUnsafe(ref s2, i);
        }
    }
}
