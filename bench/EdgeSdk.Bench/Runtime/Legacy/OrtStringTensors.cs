// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// String tensors cross the ORT boundary as UTF-8: filled from one native buffer of NUL-terminated
// strings, read back as one content buffer plus offsets.
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Marshals ORT string tensors.</summary>
internal static unsafe class OrtStringTensors
{
    /// <summary>Fills an ORT string tensor with <paramref name="strings"/> (UTF-8).</summary>
    public static void Fill(OrtApi api, nint value, string[] strings)
    {
        var encoded = strings.Select(s => Encoding.UTF8.GetBytes(s + "\0")).ToArray();
        var total = encoded.Sum(e => e.Length);
        var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, total));
        var pointers = (byte**)NativeMemory.Alloc((nuint)(Math.Max(1, strings.Length) * sizeof(nint)));
        try
        {
            var offset = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                encoded[i].CopyTo(new Span<byte>(buffer + offset, encoded[i].Length));
                pointers[i] = buffer + offset;
                offset += encoded[i].Length;
            }

            OrtStatus.Check(api, api.FillStringTensor(value, pointers, (nuint)strings.Length), "filling a string tensor");
        }
        finally
        {
            NativeMemory.Free(buffer);
            NativeMemory.Free(pointers);
        }
    }

    /// <summary>Reads the <paramref name="count"/> UTF-8 strings of an ORT string tensor.</summary>
    public static string[] Read(OrtApi api, nint value, long count)
    {
        var result = new string[count];
        if (count == 0)
        {
            return result;
        }

        nuint length;
        OrtStatus.Check(api, api.GetStringTensorDataLength(value, &length), "reading a string tensor's length");
        var content = new byte[(int)length];
        var offsets = new nuint[count];
        fixed (byte* c = content)
        fixed (nuint* o = offsets)
        {
            OrtStatus.Check(api, api.GetStringTensorContent(value, c, length, o, (nuint)count), "reading a string tensor");
        }

        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : content.Length;
            result[i] = Encoding.UTF8.GetString(content, start, end - start);
        }

        return result;
    }
}
