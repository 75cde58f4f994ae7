// Fused elementwise loops TensorPrimitives lacks: scale-and-shift by two scalars, masked gradient
// pass-through for Relu/Clip, sums of squared deviations and the affine combination used by the
// batch-norm backward pass. Vector256 bodies with scalar tails; fixed evaluation order.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeSdk.Training.Kernels;

/// <summary>Small fused vector loops.</summary>
internal static class VectorOps
{
    /// <summary>y = x·scale + shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaleShift(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var vs = Vector256.Create(scale);
            var vb = Vector256.Create(shift);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var yr = ref MemoryMarshal.GetReference(y);
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(v, vs, vb), ref yr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(x[i], scale, shift);
        }
    }

    /// <summary>dx += dy where lo &lt; y &lt; hi (the Relu/Clip gradient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaskedAccumulate(ReadOnlySpan<float> y, float lo, float hi, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vlo = Vector256.Create(lo);
            var vhi = Vector256.Create(hi);
            ref var yr = ref MemoryMarshal.GetReference(y);
            ref var gr = ref MemoryMarshal.GetReference(dy);
            ref var dr = ref MemoryMarshal.GetReference(dx);
            for (; i <= y.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref yr, (nuint)i);
                var mask = Vector256.GreaterThan(v, vlo) & Vector256.LessThan(v, vhi);
                var g = Vector256.LoadUnsafe(ref gr, (nuint)i) & mask;
                (Vector256.LoadUnsafe(ref dr, (nuint)i) + g).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < y.Length; i++)
        {
            if (y[i] > lo && y[i] < hi)
            {
                dx[i] += dy[i];
            }
        }
    }

    /// <summary>Returns Σ (x − mean)².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        var i = 0;
        var acc = Vector256<float>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            var vm = Vector256.Create(mean);
            ref var xr = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - 8; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref xr, (nuint)i) - vm;
                acc = Vector256.FusedMultiplyAdd(d, d, acc);
            }
        }

        double s = Vector256.Sum(acc);
        for (; i < x.Length; i++)
        {
            var d = x[i] - mean;
            s += d * d;
        }

        return s;
    }

    /// <summary>d += a·g + b·x + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateAffine(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float a, float b, float c, Span<float> d)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            var vb = Vector256.Create(b);
            var vc = Vector256.Create(c);
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var dr = ref MemoryMarshal.GetReference(d);
            for (; i <= g.Length - 8; i += 8)
            {
                var v = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref gr, (nuint)i), va, Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), vb, vc));
                (Vector256.LoadUnsafe(ref dr, (nuint)i) + v).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < g.Length; i++)
        {
            d[i] += (a * g[i]) + (b * x[i]) + c;
        }
    }
}
