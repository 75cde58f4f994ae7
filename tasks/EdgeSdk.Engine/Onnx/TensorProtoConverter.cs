// Converts between ONNX TensorProto (raw_data or typed fields) and the engine's dense Tensor.
// Passes read weights and write new initializers through this one place.
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Reads and writes the data of <see cref="TensorProto"/> messages.</summary>
internal static class TensorProtoConverter
{
    /// <summary>Reads a tensor's data into a dense <see cref="Tensor"/>.</summary>
    public static Tensor ToTensor(TensorProto proto)
    {
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.UnsupportedOperator, $"Tensor '{proto.Name}' stores its data externally; load the model with its external data first.");
        }

        var shape = proto.Dims.ToArray();
        var count = TensorByteSize.CheckedCount(shape) ?? throw new EdgeException(DiagnosticCatalog.Onnx.DeclaredSizeInvalid, $"Tensor '{proto.Name}' declares the shape {Tensor.FormatShape(shape)}, which has a negative dimension or overflows; the model is corrupt. Re-export it.");
        var type = (TensorElementType)proto.DataType;
        var raw = proto.RawData;
        var stored = raw.Length > 0 ? -1 : StoredCount(proto, type);
        if (stored >= 0 && stored != count && type != TensorElementType.String && !(count == 0 && stored == 0))
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.InitializerDataMismatch, $"Tensor '{proto.Name}' declares the shape {Tensor.FormatShape(shape)} ({count} elements) but stores {stored} values; the model is corrupt. Re-export it.");
        }

        return type switch
        {
            TensorElementType.Float => Tensor.Create(type, raw.Length > 0 ? FromRaw<float>(raw, count) : proto.FloatData.ToArray(), shape),
            TensorElementType.Double => Tensor.Create(type, raw.Length > 0 ? FromRaw<double>(raw, count) : proto.DoubleData.ToArray(), shape),
            TensorElementType.Int64 => Tensor.Create(type, raw.Length > 0 ? FromRaw<long>(raw, count) : proto.Int64Data.ToArray(), shape),
            TensorElementType.Int32 => Tensor.Create(type, raw.Length > 0 ? FromRaw<int>(raw, count) : proto.Int32Data.ToArray(), shape),
            TensorElementType.Int16 => Tensor.Create(type, raw.Length > 0 ? FromRaw<short>(raw, count) : proto.Int32Data.Select(v => (short)v).ToArray(), shape),
            TensorElementType.UInt16 => Tensor.Create(type, raw.Length > 0 ? FromRaw<ushort>(raw, count) : proto.Int32Data.Select(v => (ushort)v).ToArray(), shape),
            TensorElementType.Float16 => Tensor.Create(type, raw.Length > 0 ? FromRaw<Half>(raw, count) : proto.Int32Data.Select(v => BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(), shape),
            TensorElementType.Int8 => Tensor.Create(type, raw.Length > 0 ? FromRaw<sbyte>(raw, count) : proto.Int32Data.Select(v => (sbyte)v).ToArray(), shape),
            TensorElementType.UInt8 => Tensor.Create(type, raw.Length > 0 ? FromRaw<byte>(raw, count) : proto.Int32Data.Select(v => (byte)v).ToArray(), shape),
            TensorElementType.Bool => Tensor.Create(type, raw.Length > 0 ? FromRaw<byte>(raw, count).Select(b => b != 0).ToArray() : proto.Int32Data.Select(v => v != 0).ToArray(), shape),
            TensorElementType.UInt32 => Tensor.Create(type, raw.Length > 0 ? FromRaw<uint>(raw, count) : proto.Uint64Data.Select(v => (uint)v).ToArray(), shape),
            TensorElementType.UInt64 => Tensor.Create(type, raw.Length > 0 ? FromRaw<ulong>(raw, count) : proto.Uint64Data.ToArray(), shape),
            TensorElementType.String => Tensor.Create(type, proto.StringData.Select(s => s.ToStringUtf8()).ToArray(), shape),
            _ => throw new EdgeException(DiagnosticCatalog.Onnx.UnsupportedOperator, $"Tensor '{proto.Name}' has element type {type}, which this operation does not read yet."),
        };
    }

    /// <summary>Reads a float32 tensor's values (any float storage) as <c>float[]</c>.</summary>
    public static float[] ToFloatArray(TensorProto proto) => ToTensor(proto).Data switch
    {
        float[] f => f,
        double[] d => d.Select(v => (float)v).ToArray(),
        Half[] h => h.Select(v => (float)v).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Onnx.UnsupportedOperator, $"Tensor '{proto.Name}' is {(TensorElementType)proto.DataType}, expected a floating-point tensor."),
    };

    /// <summary>Reads an integer tensor's values as <c>long[]</c>.</summary>
    public static long[] ToInt64Array(TensorProto proto) => ToTensor(proto).Data switch
    {
        long[] l => l,
        int[] i => i.Select(v => (long)v).ToArray(),
        sbyte[] s => s.Select(v => (long)v).ToArray(),
        byte[] b => b.Select(v => (long)v).ToArray(),
        short[] s => s.Select(v => (long)v).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Onnx.UnsupportedOperator, $"Tensor '{proto.Name}' is {(TensorElementType)proto.DataType}, expected an integer tensor."),
    };

    /// <summary>Builds a TensorProto (raw_data storage) from a dense tensor.</summary>
    public static TensorProto FromTensor(string name, Tensor tensor)
    {
        var proto = new TensorProto { Name = name, DataType = (int)tensor.ElementType };
        proto.Dims.AddRange(tensor.Shape);
        switch (tensor.Data)
        {
            case string[] strings:
                proto.StringData.AddRange(strings.Select(ByteString.CopyFromUtf8));
                break;
            case bool[] bools:
                proto.RawData = ByteString.CopyFrom(bools.Select(b => b ? (byte)1 : (byte)0).ToArray());
                break;
            default:
                proto.RawData = ByteString.CopyFrom(AsBytes(tensor.Data));
                break;
        }

        return proto;
    }

    /// <summary>Builds a float32 TensorProto.</summary>
    public static TensorProto FromFloat(string name, float[] data, params long[] shape) => FromTensor(name, Tensor.FromFloat(data, shape));

    /// <summary>Builds an int64 TensorProto.</summary>
    public static TensorProto FromInt64(string name, long[] data, params long[] shape) => FromTensor(name, Tensor.FromInt64(data, shape));

    /// <summary>Returns how many values a tensor stores in its typed field for <paramref name="type"/> (-1 for types without one).</summary>
    private static long StoredCount(TensorProto proto, TensorElementType type) => type switch
    {
        TensorElementType.Float => proto.FloatData.Count,
        TensorElementType.Double => proto.DoubleData.Count,
        TensorElementType.Int64 => proto.Int64Data.Count,
        TensorElementType.UInt32 or TensorElementType.UInt64 => proto.Uint64Data.Count,
        TensorElementType.Int32 or TensorElementType.Int16 or TensorElementType.UInt16 or TensorElementType.Float16
            or TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool => proto.Int32Data.Count,
        TensorElementType.String => proto.StringData.Count,
        _ => -1,
    };

    private static T[] FromRaw<T>(ByteString raw, long count)
        where T : unmanaged
    {
        var span = raw.Span;
        if (span.Length != count * Marshal.SizeOf<T>())
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.InitializerDataMismatch, $"raw_data holds {span.Length} bytes, but the tensor's shape needs {count} elements of {Marshal.SizeOf<T>()} bytes; the model is corrupt. Re-export it.");
        }

        return MemoryMarshal.Cast<byte, T>(span).ToArray();
    }

    private static byte[] AsBytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => (byte[])a.Clone(),
        _ => throw new ArgumentException($"Cannot store {data.GetType().Name} as raw_data."),
    };
}
