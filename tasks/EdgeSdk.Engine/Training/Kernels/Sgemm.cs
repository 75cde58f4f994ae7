// Single-precision matrix multiply for the training engine: C = alpha·op(A)·op(B) (+ C). This is where
// training time goes, so it is cache-blocked (Goto-style KC×MC panels of A, KC×NC panels of B, packed into
// contiguous micro-panels) and register-tiled (a 6×16 FMA micro-kernel on Vector256). Single-threaded and
// with a fixed summation order, so results are bit-reproducible.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeSdk.Training.Kernels;

/// <summary>Blocked, packed SGEMM with a 6×16 FMA micro-kernel.</summary>
internal static unsafe class Sgemm
{
    private const int MR = 6;
    private const int NR = 16;
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 1024;

    [ThreadStatic]
    private static float[]? packA;

    [ThreadStatic]
    private static float[]? packB;

    /// <summary>
    /// Computes C[M,N] = alpha·op(A)·op(B), added to C when <paramref name="accumulate"/>. op(A) is A[M,K] (row stride
    /// <paramref name="lda"/>) or, transposed, A stored as [K,M]; likewise B is [K,N] or, transposed, stored as [N,K].
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (var i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        if (!Fma.IsSupported || !Avx.IsSupported)
        {
            Reference(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }

        packA ??= new float[KC * MC];
        packB ??= new float[KC * NC];
        fixed (float* pa = a, pb = b, pc = c, ap = packA, bp = packB)
        {
            for (var jc = 0; jc < n; jc += NC)
            {
                var nc = Math.Min(NC, n - jc);
                for (var kc0 = 0; kc0 < k; kc0 += KC)
                {
                    var kc = Math.Min(KC, k - kc0);
                    PackB(transB, pb, ldb, kc0, kc, jc, nc, bp);
                    var add = accumulate || kc0 > 0;
                    for (var ic = 0; ic < m; ic += MC)
                    {
                        var mc = Math.Min(MC, m - ic);
                        PackA(transA, pa, lda, ic, mc, kc0, kc, alpha, ap);
                        for (var jr = 0; jr < nc; jr += NR)
                        {
                            var nr = Math.Min(NR, nc - jr);
                            for (var ir = 0; ir < mc; ir += MR)
                            {
                                var mr = Math.Min(MR, mc - ir);
                                var cTile = pc + ((ic + ir) * (long)ldc) + jc + jr;
                                if (mr == MR && nr == NR)
                                {
                                    Kernel6x16(kc, ap + (ir * kc), bp + (jr * kc), cTile, ldc, add);
                                }
                                else
                                {
                                    KernelEdge(kc, ap + (ir * kc), bp + (jr * kc), cTile, ldc, add, mr, nr);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>A plain triple loop (double accumulation), for checking the fast path and for CPUs without FMA.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Reference(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bv = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s += av * bv;
                }

                var v = (float)(alpha * s);
                c[(i * ldc) + j] = accumulate ? c[(i * ldc) + j] + v : v;
            }
        }
    }

    // Packs op(A)[ic..ic+mc, k0..k0+kc] as micro-panels of MR rows: panel p holds, for each k, MR values.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void PackA(bool transA, float* a, int lda, int ic, int mc, int k0, int kc, float alpha, float* dst)
    {
        for (var ir = 0; ir < mc; ir += MR)
        {
            var mr = Math.Min(MR, mc - ir);
            var panel = dst + (ir * kc);
            if (!transA)
            {
                for (var r = 0; r < MR; r++)
                {
                    if (r < mr)
                    {
                        var src = a + ((long)(ic + ir + r) * lda) + k0;
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * MR) + r] = alpha * src[p];
                        }
                    }
                    else
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * MR) + r] = 0;
                        }
                    }
                }
            }
            else
            {
                for (var p = 0; p < kc; p++)
                {
                    var src = a + ((long)(k0 + p) * lda) + ic + ir;
                    var d = panel + (p * MR);
                    for (var r = 0; r < mr; r++)
                    {
                        d[r] = alpha * src[r];
                    }

                    for (var r = mr; r < MR; r++)
                    {
                        d[r] = 0;
                    }
                }
            }
        }
    }

    // Packs op(B)[k0..k0+kc, jc..jc+nc] as micro-panels of NR columns: panel q holds, for each k, NR values.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void PackB(bool transB, float* b, int ldb, int k0, int kc, int jc, int nc, float* dst)
    {
        for (var jr = 0; jr < nc; jr += NR)
        {
            var nr = Math.Min(NR, nc - jr);
            var panel = dst + (jr * kc);
            if (!transB)
            {
                for (var p = 0; p < kc; p++)
                {
                    var src = b + ((long)(k0 + p) * ldb) + jc + jr;
                    var d = panel + (p * NR);
                    if (nr == NR)
                    {
                        Vector256.Store(Vector256.Load(src), d);
                        Vector256.Store(Vector256.Load(src + 8), d + 8);
                    }
                    else
                    {
                        for (var j = 0; j < nr; j++)
                        {
                            d[j] = src[j];
                        }

                        for (var j = nr; j < NR; j++)
                        {
                            d[j] = 0;
                        }
                    }
                }
            }
            else if (nr == NR)
            {
                // op(B) = Bᵀ: transpose 8×8 blocks with AVX shuffles, then a scalar tail over k.
                var p0 = 0;
                for (; p0 <= kc - 8; p0 += 8)
                {
                    for (var half = 0; half < NR; half += 8)
                    {
                        var src = b + ((long)(jc + jr + half) * ldb) + k0 + p0;
                        Transpose8x8(src, ldb, panel + (p0 * NR) + half, NR);
                    }
                }

                for (; p0 < kc; p0++)
                {
                    for (var j = 0; j < NR; j++)
                    {
                        panel[(p0 * NR) + j] = b[((long)(jc + jr + j) * ldb) + k0 + p0];
                    }
                }
            }
            else
            {
                for (var j = 0; j < NR; j++)
                {
                    if (j < nr)
                    {
                        var src = b + ((long)(jc + jr + j) * ldb) + k0;
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * NR) + j] = src[p];
                        }
                    }
                    else
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * NR) + j] = 0;
                        }
                    }
                }
            }
        }
    }

    // dst[i * ldd + r] = src[r * lds + i] for an 8×8 block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + (2L * lds));
        var r3 = Avx.LoadVector256(src + (3L * lds));
        var r4 = Avx.LoadVector256(src + (4L * lds));
        var r5 = Avx.LoadVector256(src + (5L * lds));
        var r6 = Avx.LoadVector256(src + (6L * lds));
        var r7 = Avx.LoadVector256(src + (7L * lds));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2L * ldd), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3L * ldd), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4L * ldd), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5L * ldd), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6L * ldd), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7L * ldd), Avx.Permute2x128(s3, s7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, bool add)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40);
            c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50);
            c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += MR;
            b += NR;
        }

        StoreRow(c, c00, c01, add);
        StoreRow(c + ldc, c10, c11, add);
        StoreRow(c + (2L * ldc), c20, c21, add);
        StoreRow(c + (3L * ldc), c30, c31, add);
        StoreRow(c + (4L * ldc), c40, c41, add);
        StoreRow(c + (5L * ldc), c50, c51, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> v0, Vector256<float> v1, bool add)
    {
        if (add)
        {
            v0 = Avx.Add(v0, Avx.LoadVector256(c));
            v1 = Avx.Add(v1, Avx.LoadVector256(c + 8));
        }

        Avx.Store(c, v0);
        Avx.Store(c + 8, v1);
    }

    private static void KernelEdge(int kc, float* a, float* b, float* c, int ldc, bool add, int mr, int nr)
    {
        var tile = stackalloc float[MR * NR];
        Kernel6x16(kc, a, b, tile, NR, add: false);
        for (var i = 0; i < mr; i++)
        {
            var row = c + (i * (long)ldc);
            var t = tile + (i * NR);
            if (add)
            {
                for (var j = 0; j < nr; j++)
                {
                    row[j] += t[j];
                }
            }
            else
            {
                for (var j = 0; j < nr; j++)
                {
                    row[j] = t[j];
                }
            }
        }
    }
}
