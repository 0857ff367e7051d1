using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RnnNotebooks.Cores;

namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// C += A·B, C += A·Bᵀ and C += Aᵀ·B on column-major spans of float64 or float32, tuned for the small shapes of a
/// character model (H ≤ 256, V ≈ 65): a register block of three 256-bit vectors of rows by four columns (12×4 in
/// float64, 24×4 in float32) of fused multiply-adds; products of at least
/// <see cref="SplitThreshold"/> multiply-adds run half their columns on <see cref="SecondCore"/>. MathNet's
/// managed provider reaches 2.5-4.8 GFLOP/s on these shapes; this product is several times faster
/// and allocates nothing. Aᵀ·B is computed as dot products of columns, with no transposed copy; for a
/// wide B, transposing A once (<see cref="Transpose{T}(ReadOnlySpan{T}, int, int, Span{T})"/>) and calling
/// <see cref="AddProduct{T}(Span{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, int)"/> is faster.
/// </summary>
internal static partial class DenseProduct
{
    /// <summary>C (m×n, leading dimension m) += A (m×k, leading dimension m) · B (k×n, leading dimension k).</summary>
    public static void AddProduct<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Add(c, m, a, m, b, m, k, n, rowStride: 1, columnStride: k);

    /// <summary>The same on a block of rows: C and A have leading dimensions <paramref name="ldc"/> and
    /// <paramref name="lda"/> (e.g. rows r₀…r₁ of every gate: spans starting at row r₀, m = r₁ − r₀, leading dimension H).</summary>
    public static void AddProduct<T>(Span<T> c, int ldc, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Add(c, ldc, a, lda, b, m, k, n, rowStride: 1, columnStride: k);

    /// <summary>C (m×n) += A (m×k) · Bᵀ where B is n×k (leading dimension n): e.g. dW += δ·hᵀ over all time steps.</summary>
    public static void AddProductTransposed<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Add(c, m, a, m, b, m, k, n, rowStride: n, columnStride: 1);

    /// <summary>The same on a block of rows of C and A (leading dimensions <paramref name="ldc"/>, <paramref name="lda"/>).</summary>
    public static void AddProductTransposed<T>(Span<T> c, int ldc, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        Add(c, ldc, a, lda, b, m, k, n, rowStride: n, columnStride: 1);

    /// <summary>
    /// C (m×n) += Aᵀ·B where A is k×m (leading dimension k) and B is k×n: dot products of A's
    /// contiguous columns with B's, four at a time. For narrow B (a batch of one) this reads A once
    /// and needs no transposed copy; for wide B, transposing once and using <see cref="AddProduct{T}(Span{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, int)"/> is faster.
    /// </summary>
    public static void AddTransposedProduct<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddTransposedProduct(c, m, a, b, m, k, n);

    /// <summary>The same with C's leading dimension <paramref name="ldc"/>: columns j₀…j₁ of A (a span
    /// from column j₀, m = j₁ − j₀) give rows j₀…j₁ of C.</summary>
    public static void AddTransposedProduct<T>(Span<T> c, int ldc, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Length < (long)ldc * (n - 1) + m || ldc < m || a.Length < (long)m * k || b.Length < (long)k * n)
            throw new ArgumentException($"Buffers too small for a {m}×{k} (transposed) by {k}×{n} product.");
        ref T A = ref MemoryMarshal.GetReference(a);
        ref T B = ref MemoryMarshal.GetReference(b);
        ref T C = ref MemoryMarshal.GetReference(c);
        int lanes = Vector256<T>.Count, vectorEnd = k - k % lanes;
        for (int j = 0; j < n; j++)
        {
            ref T bj = ref Unsafe.Add(ref B, j * k);
            ref T cj = ref Unsafe.Add(ref C, j * ldc);
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                ref T a0 = ref Unsafe.Add(ref A, i * k);
                ref T a1 = ref Unsafe.Add(ref a0, k);
                ref T a2 = ref Unsafe.Add(ref a1, k);
                ref T a3 = ref Unsafe.Add(ref a2, k);
                Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
                for (int p = 0; p < vectorEnd; p += lanes)
                {
                    var x = Vector256.LoadUnsafe(ref bj, (nuint)p);
                    s0 = Fma(Vector256.LoadUnsafe(ref a0, (nuint)p), x, s0);
                    s1 = Fma(Vector256.LoadUnsafe(ref a1, (nuint)p), x, s1);
                    s2 = Fma(Vector256.LoadUnsafe(ref a2, (nuint)p), x, s2);
                    s3 = Fma(Vector256.LoadUnsafe(ref a3, (nuint)p), x, s3);
                }
                T d0 = Vector256.Sum(s0), d1 = Vector256.Sum(s1), d2 = Vector256.Sum(s2), d3 = Vector256.Sum(s3);
                for (int p = vectorEnd; p < k; p++)
                {
                    T x = Unsafe.Add(ref bj, p);
                    d0 += Unsafe.Add(ref a0, p) * x; d1 += Unsafe.Add(ref a1, p) * x;
                    d2 += Unsafe.Add(ref a2, p) * x; d3 += Unsafe.Add(ref a3, p) * x;
                }
                Unsafe.Add(ref cj, i) += d0; Unsafe.Add(ref cj, i + 1) += d1; Unsafe.Add(ref cj, i + 2) += d2; Unsafe.Add(ref cj, i + 3) += d3;
            }
            for (; i < m; i++)
            {
                T d = T.Zero;
                for (int p = 0; p < k; p++) d += Unsafe.Add(ref A, i * k + p) * Unsafe.Add(ref bj, p);
                Unsafe.Add(ref cj, i) += d;
            }
        }
    }

    /// <summary>Writes Aᵀ (columns × rows) of A (rows × columns, column-major) into <paramref name="target"/>.</summary>
    /// <remarks>4×4 tiles through registers (unpack + lane permute): an entry-by-entry loop writes
    /// with a stride of a whole column and took about 3× longer on W_h's 128×128.</remarks>
    public static void Transpose<T>(ReadOnlySpan<T> a, int rows, int columns, Span<T> target) where T : unmanaged =>
        Transpose(a, rows, rows, columns, target);

    /// <summary>The same for a block of rows: A's leading dimension is <paramref name="lda"/> (≥ rows).</summary>
    public static void Transpose<T>(ReadOnlySpan<T> a, int lda, int rows, int columns, Span<T> target) where T : unmanaged
    {
        if (lda < rows || columns > 0 && a.Length < (long)lda * (columns - 1) + rows || target.Length < rows * columns)
            throw new ArgumentException($"Buffers too small to transpose a {rows}×{columns} matrix.");
        // Without AVX (e.g. an ARM laptop), and for float32, the tiles are skipped and the edge loop does everything.
        bool tiles = Avx.IsSupported && typeof(T) == typeof(double);
        int tiledRows = tiles ? rows - rows % 4 : 0, tiledColumns = tiles ? columns - columns % 4 : 0;
        if (tiles) TransposeTiles(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(a)), lda, columns,
            ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(target)), tiledRows, tiledColumns);
        for (int j = 0; j < columns; j++)   // the edges the tiles left: last rows % 4 rows, last columns % 4 columns
            for (int i = j < tiledColumns ? tiledRows : 0; i < rows; i++)
                target[i * columns + j] = a[j * lda + i];
    }

    static void TransposeTiles(ref double source, int lda, int columns, ref double result, int tiledRows, int tiledColumns)
    {
        for (int j = 0; j < tiledColumns; j += 4)
            for (int i = 0; i < tiledRows; i += 4)
            {
                ref double s = ref Unsafe.Add(ref source, j * lda + i);
                var r0 = Vector256.LoadUnsafe(ref s); var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, lda));
                var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, 2 * lda)); var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, 3 * lda));
                var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
                ref double d = ref Unsafe.Add(ref result, i * columns + j);
                Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref d);
                Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref Unsafe.Add(ref d, columns));
                Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref Unsafe.Add(ref d, 2 * columns));
                Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref Unsafe.Add(ref d, 3 * columns));
            }
    }

    /// <summary>a·b + c in one rounding, lane by lane (256-bit FMA), for float64 or float32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        throw new NotSupportedException($"The fast kernels compute in float64 or float32, not {typeof(T).Name}.");
    }

    /// <summary>Products with at least this many multiply-adds split their columns over two threads
    /// (<see cref="SecondCore"/>): handing over costs well under a microsecond, and this many take
    /// about ten on one core (the output layer at B = 1, T = 25 does: 65·128·25 = 208,000).</summary>
    public const long SplitThreshold = 1 << 16;

    // Throws unless the spans hold an m×n C (leading dimension ldc), an m×k A (leading dimension lda) and a k×n B.
    static void CheckSizes(int cLength, int ldc, int aLength, int lda, int bLength, int m, int k, int n)
    {
        if (m <= 0 || k <= 0 || n <= 0) return;
        if (cLength < (long)ldc * (n - 1) + m || aLength < (long)lda * (k - 1) + m || bLength < (long)k * n || ldc < m)
            throw new ArgumentException($"Buffers too small for a {m}×{k} by {k}×{n} product.");
    }

    // B's entry (p, j) sits at p·rowStride + j·columnStride: (1, k) for B, (n, 1) for a stored Bᵀ.
    static unsafe void Add<T>(Span<T> c, int ldc, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int m, int k, int n, int rowStride, int columnStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSizes(c.Length, ldc, a.Length, lda, b.Length, m, k, n);
        int split = (long)m * k * n >= SplitThreshold && n >= 8 ? n / 2 & ~3 : 0;   // a multiple of 4 keeps 4-column blocks whole
        fixed (T* pc = c, pa = a, pb = b)   // pinned: the worker gets raw pointers, and Run waits for it
        {
            if (split == 0)
            {
                new Job<T>(pc, ldc, pa, lda, pb, m, k, n, rowStride, columnStride).Run();
                return;
            }
            // Columns [split, n) in the upper half: its own C columns and B columns, the same A.
            var halves = ProductHalves<T>.Current ??= new ProductHalves<T>();
            halves.Whole = new Job<T>(pc, ldc, pa, lda, pb, m, k, n, rowStride, columnStride);
            halves.Lower = new Job<T>(pc, ldc, pa, lda, pb, m, k, split, rowStride, columnStride);
            halves.Upper = new Job<T>(pc + (long)split * ldc, ldc, pa, lda, pb + (long)split * columnStride, m, k, n - split, rowStride, columnStride);
            SecondCore.Run(halves);
        }
    }

    /// <summary>The two column blocks of one product, reused by the calling thread (nothing allocated per product).</summary>
    sealed class ProductHalves<T> : IHalves where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] public static ProductHalves<T>? Current;
        public Job<T> Whole, Lower, Upper;
        public void Run(int half) => (half == 0 ? Lower : Upper).Run();
        public void RunBoth() => Whole.Run();
    }

    /// <summary>A block of columns of one product, by pointers so it can cross to the worker thread.</summary>
    internal readonly unsafe struct Job<T>(T* c, int ldc, T* a, int lda, T* b, int m, int k, int n, int rowStride, int columnStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run()
        {
            ref T C = ref *c, A = ref *a, B = ref *b;
            int j = 0;
            for (; j + 4 <= n; j += 4) Columns4(ref C, ldc, ref A, lda, ref B, m, k, j, rowStride, columnStride);
            for (; j < n; j++) Column1(ref C, ldc, ref A, lda, ref B, m, k, j, rowStride, columnStride);
        }
    }
}
