// ONNX's lower-case names for tensor element types (as in onnx.helper and Netron), used when printing
// types in `edgesdk inspect`, diagnostics and reports.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Maps element types to their ONNX names.</summary>
internal static class ElementTypeNames
{
    /// <summary>Returns the ONNX name, e.g. <c>float</c>, <c>int64</c>, <c>float8e4m3fn</c>; <c>undefined</c> when unknown.</summary>
    public static string Of(TensorElementType type) => type switch
    {
        TensorElementType.Undefined => "undefined",
        TensorElementType.Float => "float",
        TensorElementType.Double => "double",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.Int16 => "int16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.Int32 => "int32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Int64 => "int64",
        TensorElementType.String => "string",
        TensorElementType.Bool => "bool",
        TensorElementType.Complex64 => "complex64",
        TensorElementType.Complex128 => "complex128",
        _ => Enum.IsDefined(type) ? type.ToString().ToLowerInvariant() : $"type{(int)type}",
    };
}
