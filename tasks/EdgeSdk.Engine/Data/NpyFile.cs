// Reads and writes NumPy .npy files (format versions 1-3, little-endian, C order) as dense tensors.
// Malformed headers, unsupported dtypes and truncated data are reported with the file's name.
using EdgeSdk.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>NumPy <c>.npy</c> reader and writer.</summary>
internal static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a .npy file.</summary>
    public static Tensor Read(string path)
    {
        return Parse(IO.BoundedFile.ReadAllBytes(path, IO.BoundedFile.MemoryLimit, "data file"), path);
    }

    /// <summary>Parses .npy bytes; <paramref name="sourceName"/> names the origin in errors.</summary>
    public static Tensor Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw Malformed(sourceName, "it does not start with the NumPy magic string");
        }

        int major = bytes[6];
        long headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(bytes[8..10]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            headerLength = bytes.Length < 12 ? long.MaxValue : BitConverter.ToUInt32(bytes[8..12]);
            headerStart = 12;
        }
        else
        {
            throw Malformed(sourceName, $"format version {major} is not supported");
        }

        if (headerLength > bytes.Length - headerStart)
        {
            throw Malformed(sourceName, "the header is truncated");
        }

        var header = Encoding.UTF8.GetString(bytes.Slice(headerStart, (int)headerLength));
        var descr = DescrPattern().Match(header);
        var order = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success)
        {
            throw Malformed(sourceName, $"the header '{header.Trim()}' is not a NumPy header");
        }

        if (order.Groups[1].Value == "True")
        {
            throw Malformed(sourceName, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }

        var data = bytes[(headerStart + (int)headerLength)..];
        var dtype = descr.Groups[1].Value;
        var shape = ParseShape(shapeMatch.Groups[1].Value, sourceName);
        var count = CheckedCount(shape, ElementSize(dtype), data.Length, sourceName);
        return dtype switch
        {
            "<f4" => Tensor.Create(TensorElementType.Float, Cast<float>(data, count, sourceName), shape),
            "<f8" => Tensor.Create(TensorElementType.Double, Cast<double>(data, count, sourceName), shape),
            "<f2" => Tensor.Create(TensorElementType.Float16, Cast<Half>(data, count, sourceName), shape),
            "<i8" => Tensor.Create(TensorElementType.Int64, Cast<long>(data, count, sourceName), shape),
            "<i4" => Tensor.Create(TensorElementType.Int32, Cast<int>(data, count, sourceName), shape),
            "<i2" => Tensor.Create(TensorElementType.Int16, Cast<short>(data, count, sourceName), shape),
            "|i1" => Tensor.Create(TensorElementType.Int8, Cast<sbyte>(data, count, sourceName), shape),
            "|u1" => Tensor.Create(TensorElementType.UInt8, Cast<byte>(data, count, sourceName), shape),
            "|b1" => Tensor.Create(TensorElementType.Bool, Cast<byte>(data, count, sourceName).Select(b => b != 0).ToArray(), shape),
            _ => throw Malformed(sourceName, $"dtype '{dtype}' is not supported (use float32, float64, float16, int64, int32, int16, int8, uint8 or bool, little-endian)"),
        };
    }

    /// <summary>Writes a tensor as a version 1.0 .npy file (atomically).</summary>
    public static void Write(string path, Tensor tensor) => EdgeSdk.IO.AtomicFile.WriteAllBytes(path, ToBytes(tensor));

    /// <summary>Serializes a tensor in .npy format.</summary>
    public static byte[] ToBytes(Tensor tensor)
    {
        var descr = tensor.ElementType switch
        {
            TensorElementType.Float => "<f4",
            TensorElementType.Double => "<f8",
            TensorElementType.Int64 => "<i8",
            TensorElementType.Int32 => "<i4",
            TensorElementType.Int8 => "|i1",
            TensorElementType.UInt8 => "|u1",
            TensorElementType.Bool => "|b1",
            _ => throw new ArgumentException($"Cannot write {tensor.ElementType} to .npy."),
        };
        var shape = tensor.Shape.Length == 1 ? $"({tensor.Shape[0]},)" : "(" + string.Join(", ", tensor.Shape) + ")";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var ms = new MemoryStream();
        ms.Write(Magic);
        ms.WriteByte(1);
        ms.WriteByte(0);
        ms.Write(BitConverter.GetBytes((ushort)header.Length));
        ms.Write(Encoding.ASCII.GetBytes(header));
        var body = tensor.Data switch
        {
            float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            byte[] a => a,
            bool[] a => a.Select(b => b ? (byte)1 : (byte)0).ToArray(),
            _ => throw new ArgumentException("unsupported"),
        };
        ms.Write(body);
        return ms.ToArray();
    }

    /// <summary>Parses the header's shape tuple: every dimension a non-negative whole number.</summary>
    private static long[] ParseShape(string tuple, string sourceName)
    {
        var parts = tuple.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var text = parts[i].TrimEnd('L');
            if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
            {
                throw Malformed(sourceName, $"dimension {i} of the header's shape ({tuple}) is '{parts[i]}', not a whole number");
            }

            if (shape[i] < 0)
            {
                throw Malformed(sourceName, $"dimension {i} of the header's shape ({tuple}) is negative ({shape[i]})");
            }
        }

        return shape;
    }

    /// <summary>Returns the element count of <paramref name="shape"/>, refusing (before anything is allocated) a count that overflows or needs more bytes than the file holds.</summary>
    private static long CheckedCount(long[] shape, int elementSize, int available, string sourceName)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d != 0 && count > long.MaxValue / d / Math.Max(1, elementSize))
            {
                throw new EdgeException(DiagnosticCatalog.Data.DeclaredSizeTooLarge, $"'{sourceName}' declares the shape ({string.Join(", ", shape)}), whose size overflows; the header is corrupt or hostile. Re-save the array with numpy.save.", new SourceLocation(sourceName));
            }

            count *= d;
        }

        var needed = count * Math.Max(1, elementSize);
        if (elementSize > 0 && needed > available)
        {
            throw Malformed(sourceName, $"the data is truncated: the header's shape ({string.Join(", ", shape)}) needs {needed:N0} bytes, the file has {available:N0}");
        }

        return count;
    }

    private static int ElementSize(string dtype) => dtype switch
    {
        "<f8" or "<i8" => 8,
        "<f4" or "<i4" => 4,
        "<f2" or "<i2" => 2,
        "|i1" or "|u1" or "|b1" => 1,
        _ => 0, // unsupported: reported by the dtype switch
    };

    private static T[] Cast<T>(ReadOnlySpan<byte> data, long count, string sourceName)
        where T : unmanaged
    {
        var needed = count * Marshal.SizeOf<T>();
        if (data.Length < needed)
        {
            throw Malformed(sourceName, $"the data is truncated: the header's shape needs {needed} bytes, the file has {data.Length}");
        }

        return MemoryMarshal.Cast<byte, T>(data[..(int)needed]).ToArray();
    }

    private static EdgeException Malformed(string sourceName, string why) =>
        new(DiagnosticCatalog.Data.MalformedData, $"'{sourceName}' is not a valid .npy file: {why}.", new SourceLocation(sourceName));

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
