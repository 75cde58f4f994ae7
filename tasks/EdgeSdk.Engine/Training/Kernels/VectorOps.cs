// Fused elementwise helpers TensorPrimitives lacks (scale-and-shift by two scalars).
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeSdk.Training.Kernels;

/// <summary>Small fused vector loops.</summary>
internal static class VectorOps
{
    /// <summary>y = x·scale + shift.</summary>
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
}
