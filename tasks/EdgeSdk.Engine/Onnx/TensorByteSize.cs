// The raw_data size of a tensor from its element type and element count, including packed 4-bit (two
// per byte) and 2-bit (four per byte) types. Used to validate external data lengths.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx;

/// <summary>Computes raw_data byte sizes.</summary>
internal static class TensorByteSize
{
    /// <summary>Returns the element count of <paramref name="dims"/>, or null when a dimension is negative or the product overflows (a corrupt or hostile declaration).</summary>
    public static long? CheckedCount(IEnumerable<long> dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0 || (d != 0 && count > long.MaxValue / 16 / d))
            {
                return null;
            }

            count *= d;
        }

        return count;
    }

    /// <summary>Returns the raw_data size in bytes, or null for strings and unknown types.</summary>
    public static long? Of(TensorElementType type, long count) => type switch
    {
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => count * 4,
        TensorElementType.Double or TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Complex64 => count * 8,
        TensorElementType.Complex128 => count * 16,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => count * 2,
        TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool or TensorElementType.Float8E4M3FN or TensorElementType.Float8E4M3FNUZ
            or TensorElementType.Float8E5M2 or TensorElementType.Float8E5M2FNUZ or TensorElementType.Float8E8M0 => count,
        TensorElementType.Int4 or TensorElementType.UInt4 or TensorElementType.Float4E2M1 => (count + 1) / 2,
        TensorElementType.Int2 or TensorElementType.UInt2 => (count + 3) / 4,
        _ => null,
    };
}
