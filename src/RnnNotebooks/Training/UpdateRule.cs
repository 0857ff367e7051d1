using System.Numerics;
using System.Runtime.CompilerServices;

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
        int width = Vector<double>.Count, n = value.Length, i = 0;
        for (; i <= n - width; i += width)
            ApplyOnce(rule, value.Slice(i, width), gradient.Slice(i, width), Part(first, i, width), Part(second, i, width));
        if (i == n) return;

        // The last n mod width entries: pad them to one whole vector on the stack, so each rule's
        // formula exists only once. The padding's results are thrown away.
        int rest = n - i;
        Span<double> padded = stackalloc double[4 * width];
        var v = padded[..width];
        var g = padded.Slice(width, width);
        var s1 = first.IsEmpty ? [] : padded.Slice(2 * width, width);
        var s2 = second.IsEmpty ? [] : padded.Slice(3 * width, width);
        value[i..].CopyTo(v);
        gradient[i..].CopyTo(g);
        if (!first.IsEmpty) first[i..].CopyTo(s1);
        if (!second.IsEmpty) second[i..].CopyTo(s2);
        ApplyOnce(rule, v, g, s1, s2);
        v[..rest].CopyTo(value[i..]);
        if (!first.IsEmpty) s1[..rest].CopyTo(first[i..]);
        if (!second.IsEmpty) s2[..rest].CopyTo(second[i..]);
    }

    static Span<double> Part(Span<double> state, int start, int width) => state.IsEmpty ? [] : state.Slice(start, width);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void ApplyOnce<TRule>(in TRule rule, Span<double> value, ReadOnlySpan<double> gradient, Span<double> first, Span<double> second)
        where TRule : struct, IUpdateRule
    {
        var s1 = first.IsEmpty ? default : new Vector<double>(first);
        var s2 = second.IsEmpty ? default : new Vector<double>(second);
        var step = rule.Step(new Vector<double>(gradient), ref s1, ref s2);
        (new Vector<double>(value) - step).CopyTo(value);
        if (!first.IsEmpty) s1.CopyTo(first);
        if (!second.IsEmpty) s2.CopyTo(second);
    }
}
