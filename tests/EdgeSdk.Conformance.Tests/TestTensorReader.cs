// Reads test-data TensorProtos into Tensors: the engine's TensorProtoConverter for the common types, plus
// the types only conformance data uses (bfloat16, float8, packed 4-bit) in the representation the ORT
// binding expects (ushort bits, raw bytes, one unpacked element per byte).
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Conformance.Tests;

/// <summary>TensorProto → Tensor for every element type the binding marshals.</summary>
internal static class TestTensorReader
{
    /// <summary>Converts a TensorProto. ONNX 1.12 stored bfloat16 test data as uint16 (numpy has no bfloat16),
    /// so a uint16 tensor where the model declares bfloat16 is read as bfloat16 bits.</summary>
    public static Tensor ToTensor(TensorProto proto, TensorElementType declared)
    {
        var type = (TensorElementType)proto.DataType;
        if (type == TensorElementType.UInt16 && declared == TensorElementType.BFloat16)
        {
            var bits = (ushort[])TensorProtoConverter.ToTensor(proto).Data;
            return Tensor.Create(TensorElementType.BFloat16, bits, proto.Dims.ToArray());
        }

        var shape = proto.Dims.ToArray();
        var count = (int)Tensor.ElementCount(shape);
        var raw = proto.RawData.ToByteArray();
        switch (type)
        {
            case TensorElementType.BFloat16:
                return Tensor.Create(type, raw.Length > 0 ? Cast<ushort>(raw) : proto.Int32Data.Select(v => (ushort)v).ToArray(), shape);
            case TensorElementType.Float8E4M3FN or TensorElementType.Float8E4M3FNUZ or TensorElementType.Float8E5M2 or TensorElementType.Float8E5M2FNUZ or TensorElementType.Float8E8M0:
                return Tensor.Create(type, raw.Length > 0 ? raw : proto.Int32Data.Select(v => (byte)v).ToArray(), shape);
            case TensorElementType.UInt4 or TensorElementType.Int4 or TensorElementType.Float4E2M1 or TensorElementType.UInt2 or TensorElementType.Int2:
                var perByte = OrtElementTypes.ElementsPerByte(type);
                var packed = raw.Length > 0 ? raw : proto.Int32Data.Select(v => (byte)v).ToArray();
                var values = new byte[count];
                SubByteCodec.Unpack(packed, perByte, type is TensorElementType.Int4 or TensorElementType.Int2, values);
                return type is TensorElementType.Int4 or TensorElementType.Int2
                    ? Tensor.Create(type, values.Select(b => (sbyte)b).ToArray(), shape)
                    : Tensor.Create(type, values, shape);
            default:
                return TensorProtoConverter.ToTensor(proto);
        }
    }

    private static T[] Cast<T>(byte[] raw)
        where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(raw).ToArray();
}
