using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RnnNotebooks.Cores;

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
/// (System.Numerics.Vector), in place and without allocating. A parameter of at least
/// <see cref="SplitAt"/> entries is updated in two halves on two cores (<see cref="SecondCore"/>):
/// an update reads and writes five to seven arrays, so a large model's update is bound by memory
/// traffic, which two cores share out. Each entry's update is the same on either core.
/// </summary>
internal static class UpdateRule
{
    /// <summary>Parameters with at least this many entries are updated on two cores (H = 128's W_h has 16,384).</summary>
    public const int SplitAt = 4096;

    /// <summary>θ ← θ − rule(g, state) entry by entry; unused state spans are empty.</summary>
    public static void Apply<TRule>(in TRule rule, Span<double> value, ReadOnlySpan<double> gradient, Span<double> first, Span<double> second)
        where TRule : struct, IUpdateRule
    {
        int n = value.Length, width = Vector<double>.Count;
        if (gradient.Length != n || !first.IsEmpty && first.Length != n || !second.IsEmpty && second.Length != n)
            throw new ArgumentException("A parameter's value, gradient and optimiser state must have the same number of entries.");

        int whole = n - n % width;
        var wholeFirst = first.IsEmpty ? [] : first[..whole];
        var wholeSecond = second.IsEmpty ? [] : second[..whole];
        if (whole >= SplitAt) Halves<TRule>.Run(rule, value[..whole], gradient[..whole], wholeFirst, wholeSecond);
        else ApplyWholeVectors(rule, value[..whole], gradient[..whole], wholeFirst, wholeSecond);
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

    /// <summary>The two halves of one update, by pointers so the second can cross to the other core;
    /// one reused instance per thread and rule.</summary>
    sealed unsafe class Halves<TRule> : IHalves where TRule : struct, IUpdateRule
    {
        [ThreadStatic] static Halves<TRule>? _cached;
        TRule _rule;
        double* _value, _gradient, _first, _second;
        int _length, _split;

        public static void Run(in TRule rule, Span<double> value, ReadOnlySpan<double> gradient, Span<double> first, Span<double> second)
        {
            var halves = _cached ??= new Halves<TRule>();
            fixed (double* v = value, g = gradient, s1 = first, s2 = second)   // pinned until both halves are done
            {
                halves._rule = rule;
                halves._value = v; halves._gradient = g; halves._first = s1; halves._second = s2;
                halves._length = value.Length;
                halves._split = value.Length / 2 - value.Length / 2 % Vector<double>.Count;
                SecondCore.Run(halves);
            }
        }

        public void Run(int half)
        {
            int from = half == 0 ? 0 : _split, count = half == 0 ? _split : _length - _split;
            ApplyWholeVectors(_rule, new Span<double>(_value + from, count), new ReadOnlySpan<double>(_gradient + from, count),
                _first is null ? [] : new Span<double>(_first + from, count), _second is null ? [] : new Span<double>(_second + from, count));
        }
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
