// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Maps element types between the engine (ONNX numbering), ORT's C enum and CLR arrays. ORT's enum is
// positional and differs from ONNX for 24..26 (ORT reports UINT2=24, INT2=25, FLOAT8E8M0=26 while its
// create-tensor calls read ONNX numbers), so every number crossing the boundary goes through here.
using System.Numerics;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Element type conversions for the ORT binding.</summary>
internal static class OrtElementTypes
{
    /// <summary>Converts a type reported by ORT's type info (C enum) to the engine's ONNX numbering.</summary>
    public static TensorElementType FromOrt(int ortType) => ortType switch
    {
        24 => TensorElementType.UInt2,
        25 => TensorElementType.Int2,
        26 => TensorElementType.Float8E8M0,
        _ => (TensorElementType)ortType,
    };

    /// <summary>Gets the number ORT's create-tensor calls expect (ONNX numbering).</summary>
    public static int ToOrtCreate(TensorElementType type) => (int)type;

    /// <summary>Gets the CLR element type of a tensor's managed array, or null for types the binding does not marshal.</summary>
    public static Type? ClrType(TensorElementType type) => type switch
    {
        TensorElementType.Float => typeof(float),
        TensorElementType.UInt8 => typeof(byte),
        TensorElementType.Int8 => typeof(sbyte),
        TensorElementType.UInt16 => typeof(ushort),
        TensorElementType.Int16 => typeof(short),
        TensorElementType.Int32 => typeof(int),
        TensorElementType.Int64 => typeof(long),
        TensorElementType.String => typeof(string),
        TensorElementType.Bool => typeof(bool),
        TensorElementType.Float16 => typeof(Half),
        TensorElementType.Double => typeof(double),
        TensorElementType.UInt32 => typeof(uint),
        TensorElementType.UInt64 => typeof(ulong),
        TensorElementType.Complex64 => typeof(Complex),
        TensorElementType.Complex128 => typeof(Complex),
        TensorElementType.BFloat16 => typeof(ushort),
        TensorElementType.Float8E4M3FN or TensorElementType.Float8E4M3FNUZ or TensorElementType.Float8E5M2
            or TensorElementType.Float8E5M2FNUZ or TensorElementType.Float8E8M0 => typeof(byte),
        TensorElementType.UInt4 or TensorElementType.Float4E2M1 or TensorElementType.UInt2 => typeof(byte),
        TensorElementType.Int4 or TensorElementType.Int2 => typeof(sbyte),
        _ => null,
    };

    /// <summary>Gets how many elements share one byte in ORT's storage (2 for 4-bit types, 4 for 2-bit types, else 1).</summary>
    public static int ElementsPerByte(TensorElementType type) => type switch
    {
        TensorElementType.UInt4 or TensorElementType.Int4 or TensorElementType.Float4E2M1 => 2,
        TensorElementType.UInt2 or TensorElementType.Int2 => 4,
        _ => 1,
    };

    /// <summary>Gets the byte size of one element in ORT's storage for byte-aligned fixed-size types (0 for strings and packed types).</summary>
    public static int NativeSize(TensorElementType type) => type switch
    {
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.Float8E4M3FN or TensorElementType.Float8E4M3FNUZ or TensorElementType.Float8E5M2
            or TensorElementType.Float8E5M2FNUZ or TensorElementType.Float8E8M0 => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Double or TensorElementType.Complex64 => 8,
        TensorElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>Throws EDGE3004 when a value's element type cannot be marshalled.</summary>
    public static Type RequireClrType(TensorElementType type, string valueName) => ClrType(type)
        ?? throw new EdgeException(
            DiagnosticCatalog.Runtime.UnsupportedValue,
            $"'{valueName}' has element type {type}, which the ONNX Runtime binding does not marshal. Use a model whose inputs and outputs have a standard ONNX tensor type.");
}
