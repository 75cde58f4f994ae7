// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Copies tensors across the managed/native boundary. Inputs become ORT-allocated OrtValues filled from the
// managed array (one copy, no pinning lifetime to manage); outputs are copied into fresh managed arrays
// so no Tensor ever points into memory ORT may free. Strings (OrtStringTensors), complex and packed
// sub-byte types are converted element by element; every other type is a straight byte copy.
using System.Numerics;
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Converts between <see cref="Tensor"/> and native <c>OrtValue</c> tensors.</summary>
internal static unsafe class OrtValueConverter
{
    /// <summary>Creates an owned OrtValue holding a copy of <paramref name="tensor"/>; release it with <c>ReleaseValue</c>.</summary>
    public static nint ToOrtValue(OrtLibrary library, Tensor tensor, string name)
    {
        var api = library.Api;
        var type = tensor.ElementType;
        OrtElementTypes.RequireClrType(type, name);
        CheckArrayType(tensor, name);
        nint value;
        var shape = tensor.Shape;
        fixed (long* dims = shape)
        {
            OrtStatus.Check(api, api.CreateTensorAsOrtValue(library.DefaultAllocator, dims, (nuint)shape.Length, OrtElementTypes.ToOrtCreate(type), &value), $"creating input tensor '{name}' {Tensor.FormatShape(shape)} of {type}");
        }

        try
        {
            if (type == TensorElementType.String)
            {
                OrtStringTensors.Fill(api, value, (string[])tensor.Data);
            }
            else if (tensor.Length > 0)
            {
                void* destination;
                OrtStatus.Check(api, api.GetTensorMutableData(value, &destination), $"filling input tensor '{name}'");
                WriteElements(tensor, destination);
            }

            return value;
        }
        catch
        {
            api.ReleaseValue(value);
            throw;
        }
    }

    /// <summary>Copies the tensor an OrtValue holds into a new managed <see cref="Tensor"/>.</summary>
    public static Tensor ToTensor(OrtLibrary library, nint value, string name)
    {
        var api = library.Api;
        nint info;
        OrtStatus.Check(api, api.GetTensorTypeAndShape(value, &info), $"reading the type of '{name}'");
        TensorElementType type;
        long[] shape;
        try
        {
            int ortType;
            nuint rank;
            OrtStatus.Check(api, api.GetTensorElementType(info, &ortType), $"reading the element type of '{name}'");
            OrtStatus.Check(api, api.GetDimensionsCount(info, &rank), $"reading the rank of '{name}'");
            type = OrtElementTypes.FromOrt(ortType);
            shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                OrtStatus.Check(api, api.GetDimensions(info, dims, rank), $"reading the shape of '{name}'");
            }
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        var clrType = OrtElementTypes.RequireClrType(type, name);
        var count = Tensor.ElementCount(shape);
        if (type == TensorElementType.String)
        {
            return Tensor.Create(type, OrtStringTensors.Read(api, value, count), shape);
        }

        var data = Array.CreateInstance(clrType, count);
        if (count > 0)
        {
            void* source;
            OrtStatus.Check(api, api.GetTensorMutableData(value, &source), $"reading the data of '{name}'");
            ReadElements(type, source, data);
        }

        return Tensor.Create(type, data, shape);
    }

    /// <summary>Gets the raw bytes of a managed primitive array.</summary>
    public static Span<byte> RawBytes(Array data) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(data), checked((int)(data.LongLength * ManagedSize(data.GetType().GetElementType()!))));

    private static int ManagedSize(Type t) =>
        t == typeof(float) || t == typeof(int) || t == typeof(uint) ? 4
        : t == typeof(double) || t == typeof(long) || t == typeof(ulong) ? 8
        : t == typeof(short) || t == typeof(ushort) || t == typeof(Half) ? 2
        : t == typeof(byte) || t == typeof(sbyte) || t == typeof(bool) ? 1
        : t == typeof(Complex) ? 16
        : 0;

    private static void CheckArrayType(Tensor tensor, string name)
    {
        var type = tensor.ElementType;
        var actual = tensor.Data.GetType().GetElementType()!;
        var expected = OrtElementTypes.ClrType(type)!;
        var compatible = actual == expected
            || (type != TensorElementType.String && type != TensorElementType.Complex64 && type != TensorElementType.Complex128
                && OrtElementTypes.ElementsPerByte(type) == 1 && actual != typeof(string) && actual != typeof(Complex)
                && ManagedSize(actual) == OrtElementTypes.NativeSize(type));
        if (!compatible)
        {
            throw new EdgeException(
                DiagnosticCatalog.Runtime.InvalidInput,
                $"Input '{name}' is declared {type} but holds {actual.Name}[] data. Create it with Tensor.Create({type}, {expected.Name}[] ...).");
        }
    }

    private static void WriteElements(Tensor tensor, void* destination)
    {
        var type = tensor.ElementType;
        switch (type)
        {
            case TensorElementType.Complex64:
                var complex = (Complex[])tensor.Data;
                var floats = new Span<float>(destination, complex.Length * 2);
                for (var i = 0; i < complex.Length; i++)
                {
                    floats[2 * i] = (float)complex[i].Real;
                    floats[(2 * i) + 1] = (float)complex[i].Imaginary;
                }

                return;
            case TensorElementType.Complex128:
                var doubles = new Span<double>(destination, tensor.Data.Length * 2);
                var values = (Complex[])tensor.Data;
                for (var i = 0; i < values.Length; i++)
                {
                    doubles[2 * i] = values[i].Real;
                    doubles[(2 * i) + 1] = values[i].Imaginary;
                }

                return;
        }

        var perByte = OrtElementTypes.ElementsPerByte(type);
        var bytes = RawBytes(tensor.Data);
        if (perByte == 1)
        {
            bytes.CopyTo(new Span<byte>(destination, bytes.Length));
            return;
        }

        SubByteCodec.Pack(bytes, perByte, new Span<byte>(destination, SubByteCodec.PackedLength(bytes.Length, perByte)));
    }

    private static void ReadElements(TensorElementType type, void* source, Array data)
    {
        switch (type)
        {
            case TensorElementType.Complex64:
                var complex = (Complex[])data;
                var floats = new ReadOnlySpan<float>(source, complex.Length * 2);
                for (var i = 0; i < complex.Length; i++)
                {
                    complex[i] = new Complex(floats[2 * i], floats[(2 * i) + 1]);
                }

                return;
            case TensorElementType.Complex128:
                var values = (Complex[])data;
                var doubles = new ReadOnlySpan<double>(source, values.Length * 2);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = new Complex(doubles[2 * i], doubles[(2 * i) + 1]);
                }

                return;
        }

        var perByte = OrtElementTypes.ElementsPerByte(type);
        var bytes = RawBytes(data);
        if (perByte == 1)
        {
            new ReadOnlySpan<byte>(source, bytes.Length).CopyTo(bytes);
            return;
        }

        var signed = type is TensorElementType.Int4 or TensorElementType.Int2;
        SubByteCodec.Unpack(new ReadOnlySpan<byte>(source, SubByteCodec.PackedLength(bytes.Length, perByte)), perByte, signed, bytes);
    }
}
