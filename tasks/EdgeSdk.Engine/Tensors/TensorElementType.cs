// Element types of tensors, numbered as ONNX's TensorProto.DataType (and ONNX Runtime's
// ONNXTensorElementDataType, which uses the same numbers).
namespace EdgeSdk.Tensors;

/// <summary>A tensor element type with ONNX's numbering.</summary>
internal enum TensorElementType
{
    /// <summary>Not set.</summary>
    Undefined = 0,
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,
    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,
    /// <summary>Signed byte.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>UTF-8 string.</summary>
    String = 8,
    /// <summary>Boolean, one byte each.</summary>
    Bool = 9,
    /// <summary>IEEE half float.</summary>
    Float16 = 10,
    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,
    /// <summary>Complex of two floats.</summary>
    Complex64 = 14,
    /// <summary>Complex of two doubles.</summary>
    Complex128 = 15,
    /// <summary>Brain float 16.</summary>
    BFloat16 = 16,
    /// <summary>Float8 E4M3FN.</summary>
    Float8E4M3FN = 17,
    /// <summary>Float8 E4M3FNUZ.</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>Float8 E5M2.</summary>
    Float8E5M2 = 19,
    /// <summary>Float8 E5M2FNUZ.</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>Unsigned 4-bit integer, two per byte.</summary>
    UInt4 = 21,
    /// <summary>Signed 4-bit integer, two per byte.</summary>
    Int4 = 22,
    /// <summary>Float4 E2M1, two per byte.</summary>
    Float4E2M1 = 23,
    /// <summary>Float8 E8M0.</summary>
    Float8E8M0 = 24,
    /// <summary>Unsigned 2-bit integer, four per byte.</summary>
    UInt2 = 25,
    /// <summary>Signed 2-bit integer, four per byte.</summary>
    Int2 = 26,
}
