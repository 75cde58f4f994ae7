// Vectorized fake quantization: q = clamp(round_half_even(x / s) + zp, qmin, qmax), and its clip-aware
// straight-through gradient dx += dy / s where (qmin − zp)·s ≤ x ≤ (qmax − zp)·s. Division (not
// multiplication by 1/s) keeps results identical to ONNX's definition and to the scalar tail.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeSdk.Training.Kernels;

/// <summary>Fake-quantization loops.</summary>
internal static class FakeQuantKernels
{
    /// <summary>y = clamp(round(x / scale) + zp, qmin, qmax).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantize(ReadOnlySpan<float> x, float scale, float zp, float qmin, float qmax, Span<float> y)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vs = Vector256.Create(scale);
            var vz = Vector256.Create(zp);
            var vlo = Vector256.Create(qmin);
            var vhi = Vector256.Create(qmax);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - 8; i += 8)
            {
                var q = Vector256.Round(Vector256.LoadUnsafe(ref xr, (nuint)i) / vs) + vz;
                Vector256.Min(Vector256.Max(q, vlo), vhi).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = Math.Clamp(MathF.Round(x[i] / scale, MidpointRounding.ToEven) + zp, qmin, qmax);
        }
    }

    /// <summary>dx += dy·invScale where lo ≤ x ≤ hi.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StraightThrough(ReadOnlySpan<float> x, float lo, float hi, float invScale, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vlo = Vector256.Create(lo);
            var vhi = Vector256.Create(hi);
            var vinv = Vector256.Create(invScale);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var gr = ref MemoryMarshal.GetReference(dy);
            ref var dr = ref MemoryMarshal.GetReference(dx);
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var mask = Vector256.GreaterThanOrEqual(v, vlo) & Vector256.LessThanOrEqual(v, vhi);
                var g = (Vector256.LoadUnsafe(ref gr, (nuint)i) * vinv) & mask;
                (Vector256.LoadUnsafe(ref dr, (nuint)i) + g).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            if (x[i] >= lo && x[i] <= hi)
            {
                dx[i] += dy[i] * invScale;
            }
        }
    }
}
