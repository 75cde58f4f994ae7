// Moves tensors across the managed/native boundary through the managed package's OrtValue. Inputs whose
// managed layout is ORT's (every fixed-size type except complex and the packed sub-byte types) are not
// copied: the managed array is pinned and ORT reads it in place, for as long as the OrtInput lives.
// Strings, complex and 4-/2-bit types go into an ORT-allocated tensor, converted element by element.
// Outputs are copied into fresh managed arrays so no Tensor ever points into memory ORT may free. This is on
// every Run's path: error texts are only formatted when ORT fails, and each output's type and shape are read
// from ORT once.
using System.Numerics;
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Converts between <see cref="Tensor"/> and the managed package's <see cref="Ort.OrtValue"/>.</summary>
internal static unsafe class OrtValueConverter
{
    /// <summary>Creates an input value for <paramref name="tensor"/>, pinning its array when ORT can read it in place.</summary>
    public static OrtInput ToOrtValue(Tensor tensor, string name)
    {
        var type = tensor.ElementType;
        OrtElementTypes.RequireClrType(type, name);
        CheckArrayType(tensor, name);
        var shape = tensor.Shape;
        var ortType = (Ort.Tensors.TensorElementType)OrtElementTypes.ToOrtCreate(type);

        // Error texts are built only when ORT fails: Run is on the per-call path.
        try
        {
            if (IsInPlace(type) && tensor.Length > 0)
            {
                var pin = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
                try
                {
                    var bytes = tensor.Length * OrtElementTypes.NativeSize(type);
                    return new OrtInput(Ort.OrtValue.CreateTensorValueWithData(Ort.OrtMemoryInfo.DefaultInstance, ortType, shape, pin.AddrOfPinnedObject(), bytes), pin);
                }
                catch
                {
                    pin.Free();
                    throw;
                }
            }

            if (type == TensorElementType.String)
            {
                return new OrtInput(StringTensor((string[])tensor.Data, shape));
            }
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, $"creating input tensor '{name}' {Tensor.FormatShape(shape)} of {type}");
        }

        var allocated = OrtRuntime.Call(() => Ort.OrtValue.CreateAllocatedTensorValue(Ort.OrtAllocator.DefaultInstance, ortType, shape), $"creating input tensor '{name}' {Tensor.FormatShape(shape)} of {type}");
        try
        {
            if (tensor.Length > 0)
            {
                WriteElements(tensor, OrtRuntime.Call(allocated.GetTensorMutableRawData, $"filling input tensor '{name}'"));
            }

            return new OrtInput(allocated);
        }
        catch
        {
            allocated.Dispose();
            throw;
        }
    }

    /// <summary>Copies the tensor an OrtValue holds into a new managed <see cref="Tensor"/>.</summary>
    public static Tensor ToTensor(Ort.OrtValue value, string name)
    {
        Ort.OrtTensorTypeAndShapeInfo info;
        try
        {
            info = value.GetTensorTypeAndShape();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, $"reading the type of '{name}'");
        }

        return ToTensor(value, info, name);
    }

    /// <summary>Copies the tensor an OrtValue holds, whose type and shape ORT reported as <paramref name="info"/>, into a new managed <see cref="Tensor"/>.</summary>
    public static Tensor ToTensor(Ort.OrtValue value, Ort.OrtTensorTypeAndShapeInfo info, string name)
    {
        var type = OrtElementTypes.FromOrt((int)info.ElementDataType);
        var shape = info.Shape;
        var clrType = OrtElementTypes.RequireClrType(type, name);
        var count = Tensor.ElementCount(shape);
        if (type == TensorElementType.String)
        {
            return Tensor.Create(type, OrtRuntime.Call(value.GetStringTensorAsArray, $"reading the strings of '{name}'"), shape);
        }

        var data = NewArray(clrType, count);
        if (count > 0)
        {
            Span<byte> source;
            try
            {
                source = value.GetTensorMutableRawData();
            }
            catch (Ort.OnnxRuntimeException ex)
            {
                throw OrtError.From(ex, $"reading the data of '{name}'");
            }

            ReadElements(type, source, data);
        }

        return Tensor.Create(type, data, shape);
    }

    /// <summary>Gets the raw bytes of a managed primitive array.</summary>
    public static Span<byte> RawBytes(Array data) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(data), checked((int)(data.LongLength * ManagedSize(data.GetType().GetElementType()!))));

    /// <summary>Gets whether ORT reads the managed array of <paramref name="type"/> in place (same byte layout).</summary>
    public static bool IsInPlace(TensorElementType type) =>
        type is not (TensorElementType.String or TensorElementType.Complex64 or TensorElementType.Complex128)
        && OrtElementTypes.ElementsPerByte(type) == 1
        && OrtElementTypes.NativeSize(type) > 0;

    /// <summary>Allocates an output array; the common element types skip Array.CreateInstance (every element is overwritten by the copy).</summary>
    private static Array NewArray(Type clrType, long count) =>
        clrType == typeof(float) ? GC.AllocateUninitializedArray<float>(checked((int)count))
        : clrType == typeof(long) ? GC.AllocateUninitializedArray<long>(checked((int)count))
        : clrType == typeof(int) ? GC.AllocateUninitializedArray<int>(checked((int)count))
        : clrType == typeof(byte) ? GC.AllocateUninitializedArray<byte>(checked((int)count))
        : Array.CreateInstance(clrType, count);

    private static Ort.OrtValue StringTensor(string[] strings, long[] shape)
    {
        var value = Ort.OrtValue.CreateTensorWithEmptyStrings(Ort.OrtAllocator.DefaultInstance, shape);
        try
        {
            for (var i = 0; i < strings.Length; i++)
            {
                value.StringTensorSetElementAt(strings[i].AsSpan(), i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

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

    private static void WriteElements(Tensor tensor, Span<byte> destination)
    {
        var type = tensor.ElementType;
        switch (type)
        {
            case TensorElementType.Complex64:
                var complex = (Complex[])tensor.Data;
                var floats = MemoryMarshal.Cast<byte, float>(destination);
                for (var i = 0; i < complex.Length; i++)
                {
                    floats[2 * i] = (float)complex[i].Real;
                    floats[(2 * i) + 1] = (float)complex[i].Imaginary;
                }

                return;
            case TensorElementType.Complex128:
                var doubles = MemoryMarshal.Cast<byte, double>(destination);
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
            bytes.CopyTo(destination);
            return;
        }

        SubByteCodec.Pack(bytes, perByte, destination[..SubByteCodec.PackedLength(bytes.Length, perByte)]);
    }

    private static void ReadElements(TensorElementType type, ReadOnlySpan<byte> source, Array data)
    {
        switch (type)
        {
            case TensorElementType.Complex64:
                var complex = (Complex[])data;
                var floats = MemoryMarshal.Cast<byte, float>(source);
                for (var i = 0; i < complex.Length; i++)
                {
                    complex[i] = new Complex(floats[2 * i], floats[(2 * i) + 1]);
                }

                return;
            case TensorElementType.Complex128:
                var values = (Complex[])data;
                var doubles = MemoryMarshal.Cast<byte, double>(source);
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
            source[..bytes.Length].CopyTo(bytes);
            return;
        }

        var signed = type is TensorElementType.Int4 or TensorElementType.Int2;
        SubByteCodec.Unpack(source[..SubByteCodec.PackedLength(bytes.Length, perByte)], perByte, signed, bytes);
    }
}
