using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnNotebooks.Recurrent.Fast;

// The register blocks behind DenseProduct.AddProduct / AddProductTransposed. Every entry of C is
// C + Σ_p A(i,p)·B(p,j) accumulated in p order, whichever block computes it, so splitting the
// columns between threads (or blocks) gives the same bits.
internal static partial class DenseProduct
{
    // Four columns of C: three vectors of rows at a time (12 rows of float64, 24 of float32) keep 12
    // accumulators in registers over the whole k loop (three loads of A and four broadcasts of B feed
    // twelve FMAs: enough independent chains to cover the FMA latency), then one vector, then 1 row.
    static void Columns4<T>(ref T C, int ldc, ref T A, int lda, ref T B, int m, int k, int j, int rs, int cs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count;
        ref T c0 = ref Unsafe.Add(ref C, j * ldc);
        ref T c1 = ref Unsafe.Add(ref c0, ldc);
        ref T c2 = ref Unsafe.Add(ref c1, ldc);
        ref T c3 = ref Unsafe.Add(ref c2, ldc);
        int b0 = j * cs, b1 = b0 + cs, b2 = b1 + cs, b3 = b2 + cs;
        int i = 0;
        for (; i + 3 * lanes <= m; i += 3 * lanes) Rows3Vectors(ref Unsafe.Add(ref c0, i), ldc, ref Unsafe.Add(ref A, i), lda, ref Unsafe.Add(ref B, b0), k, rs, cs);
        for (; i + lanes <= m; i += lanes)
        {
            var x0 = Vector256.LoadUnsafe(ref c0, (nuint)i); var x1 = Vector256.LoadUnsafe(ref c1, (nuint)i);
            var x2 = Vector256.LoadUnsafe(ref c2, (nuint)i); var x3 = Vector256.LoadUnsafe(ref c3, (nuint)i);
            for (int p = 0; p < k; p++)
            {
                var lo = Vector256.LoadUnsafe(ref A, (nuint)(p * lda + i));
                int bp = p * rs;
                x0 = Fma(lo, Vector256.Create(Unsafe.Add(ref B, bp + b0)), x0);
                x1 = Fma(lo, Vector256.Create(Unsafe.Add(ref B, bp + b1)), x1);
                x2 = Fma(lo, Vector256.Create(Unsafe.Add(ref B, bp + b2)), x2);
                x3 = Fma(lo, Vector256.Create(Unsafe.Add(ref B, bp + b3)), x3);
            }
            x0.StoreUnsafe(ref c0, (nuint)i); x1.StoreUnsafe(ref c1, (nuint)i);
            x2.StoreUnsafe(ref c2, (nuint)i); x3.StoreUnsafe(ref c3, (nuint)i);
        }
        for (; i < m; i++)
        {
            T s0 = Unsafe.Add(ref c0, i), s1 = Unsafe.Add(ref c1, i), s2 = Unsafe.Add(ref c2, i), s3 = Unsafe.Add(ref c3, i);
            for (int p = 0; p < k; p++)
            {
                T av = Unsafe.Add(ref A, p * lda + i);
                int bp = p * rs;
                s0 += av * Unsafe.Add(ref B, bp + b0); s1 += av * Unsafe.Add(ref B, bp + b1);
                s2 += av * Unsafe.Add(ref B, bp + b2); s3 += av * Unsafe.Add(ref B, bp + b3);
            }
            Unsafe.Add(ref c0, i) = s0; Unsafe.Add(ref c1, i) = s1; Unsafe.Add(ref c2, i) = s2; Unsafe.Add(ref c3, i) = s3;
        }
    }

    // C[i..i+3L, j..j+4] += A[i..i+3L, :]·B[:, j..j+4] for L lanes a vector; c points at C(i, j), a at A(i, 0), b at B(0, j).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Rows3Vectors<T>(ref T c0, int ldc, ref T a, int lda, ref T b, int k, int rs, int cs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint l1 = (nuint)Vector256<T>.Count, l2 = 2 * l1;
        ref T c1 = ref Unsafe.Add(ref c0, ldc);
        ref T c2 = ref Unsafe.Add(ref c1, ldc);
        ref T c3 = ref Unsafe.Add(ref c2, ldc);
        var x0 = Vector256.LoadUnsafe(ref c0); var y0 = Vector256.LoadUnsafe(ref c0, l1); var z0 = Vector256.LoadUnsafe(ref c0, l2);
        var x1 = Vector256.LoadUnsafe(ref c1); var y1 = Vector256.LoadUnsafe(ref c1, l1); var z1 = Vector256.LoadUnsafe(ref c1, l2);
        var x2 = Vector256.LoadUnsafe(ref c2); var y2 = Vector256.LoadUnsafe(ref c2, l1); var z2 = Vector256.LoadUnsafe(ref c2, l2);
        var x3 = Vector256.LoadUnsafe(ref c3); var y3 = Vector256.LoadUnsafe(ref c3, l1); var z3 = Vector256.LoadUnsafe(ref c3, l2);
        nuint o1 = (nuint)cs, o2 = 2 * o1, o3 = 3 * o1;
        for (int p = 0; p < k; p++)
        {
            var lo = Vector256.LoadUnsafe(ref a); var mid = Vector256.LoadUnsafe(ref a, l1); var hi = Vector256.LoadUnsafe(ref a, l2);
            var s = Vector256.Create(b); x0 = Fma(lo, s, x0); y0 = Fma(mid, s, y0); z0 = Fma(hi, s, z0);
            s = Vector256.Create(Unsafe.Add(ref b, o1)); x1 = Fma(lo, s, x1); y1 = Fma(mid, s, y1); z1 = Fma(hi, s, z1);
            s = Vector256.Create(Unsafe.Add(ref b, o2)); x2 = Fma(lo, s, x2); y2 = Fma(mid, s, y2); z2 = Fma(hi, s, z2);
            s = Vector256.Create(Unsafe.Add(ref b, o3)); x3 = Fma(lo, s, x3); y3 = Fma(mid, s, y3); z3 = Fma(hi, s, z3);
            a = ref Unsafe.Add(ref a, lda);
            b = ref Unsafe.Add(ref b, rs);
        }
        x0.StoreUnsafe(ref c0); y0.StoreUnsafe(ref c0, l1); z0.StoreUnsafe(ref c0, l2);
        x1.StoreUnsafe(ref c1); y1.StoreUnsafe(ref c1, l1); z1.StoreUnsafe(ref c1, l2);
        x2.StoreUnsafe(ref c2); y2.StoreUnsafe(ref c2, l1); z2.StoreUnsafe(ref c2, l2);
        x3.StoreUnsafe(ref c3); y3.StoreUnsafe(ref c3, l1); z3.StoreUnsafe(ref c3, l2);
    }

    // One column of C (the B = 1 matrix-vector case and the tail of wider products). A (leading
    // dimension lda, which is more than m when the product covers a block of rows) is streamed
    // eight whole columns at a time, top to bottom, while C's column (in L1) takes the eight terms in
    // p order: every load of A is then contiguous, instead of a stride of a whole column per load.
    static void Column1<T>(ref T C, int ldc, ref T A, int lda, ref T B, int m, int k, int j, int rs, int cs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T c = ref Unsafe.Add(ref C, j * ldc);
        ref T b = ref Unsafe.Add(ref B, j * cs);
        nuint lanes = (nuint)Vector256<T>.Count, rows = (nuint)lda, vectorRows = (nuint)(m - m % (int)lanes);
        int p = 0;
        for (; p + 8 <= k; p += 8)
        {
            ref T a0 = ref Unsafe.Add(ref A, p * lda);
            ref T a4 = ref Unsafe.Add(ref a0, 4 * lda);
            var h0 = Vector256.Create(Unsafe.Add(ref b, p * rs)); var h1 = Vector256.Create(Unsafe.Add(ref b, (p + 1) * rs));
            var h2 = Vector256.Create(Unsafe.Add(ref b, (p + 2) * rs)); var h3 = Vector256.Create(Unsafe.Add(ref b, (p + 3) * rs));
            var h4 = Vector256.Create(Unsafe.Add(ref b, (p + 4) * rs)); var h5 = Vector256.Create(Unsafe.Add(ref b, (p + 5) * rs));
            var h6 = Vector256.Create(Unsafe.Add(ref b, (p + 6) * rs)); var h7 = Vector256.Create(Unsafe.Add(ref b, (p + 7) * rs));
            for (nuint i = 0; i < vectorRows; i += lanes)
            {
                var s = Vector256.LoadUnsafe(ref c, i);
                s = Fma(Vector256.LoadUnsafe(ref a0, i), h0, s);
                s = Fma(Vector256.LoadUnsafe(ref a0, i + rows), h1, s);
                s = Fma(Vector256.LoadUnsafe(ref a0, i + 2 * rows), h2, s);
                s = Fma(Vector256.LoadUnsafe(ref a0, i + 3 * rows), h3, s);
                s = Fma(Vector256.LoadUnsafe(ref a4, i), h4, s);
                s = Fma(Vector256.LoadUnsafe(ref a4, i + rows), h5, s);
                s = Fma(Vector256.LoadUnsafe(ref a4, i + 2 * rows), h6, s);
                s = Fma(Vector256.LoadUnsafe(ref a4, i + 3 * rows), h7, s);
                s.StoreUnsafe(ref c, i);
            }
            if (vectorRows < (nuint)m) RowTail(ref c, ref A, lda, ref b, m, p, p + 8, rs);
        }
        for (; p < k; p++)
        {
            ref T a = ref Unsafe.Add(ref A, p * lda);
            var h = Vector256.Create(Unsafe.Add(ref b, p * rs));
            for (nuint i = 0; i < vectorRows; i += lanes)
                Fma(Vector256.LoadUnsafe(ref a, i), h, Vector256.LoadUnsafe(ref c, i)).StoreUnsafe(ref c, i);
            if (vectorRows < (nuint)m) RowTail(ref c, ref A, lda, ref b, m, p, p + 1, rs);
        }
    }

    // The last m mod L rows of Column1's column (L lanes a vector): terms p0 … p1−1, in p order.
    static void RowTail<T>(ref T c, ref T A, int lda, ref T b, int m, int p0, int p1, int rs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = m - m % Vector256<T>.Count; i < m; i++)
        {
            T s = Unsafe.Add(ref c, i);
            for (int p = p0; p < p1; p++) s += Unsafe.Add(ref A, p * lda + i) * Unsafe.Add(ref b, p * rs);
            Unsafe.Add(ref c, i) = s;
        }
    }
}
