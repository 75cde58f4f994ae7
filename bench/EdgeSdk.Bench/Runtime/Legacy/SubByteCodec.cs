// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Packs and unpacks ONNX's sub-byte element types (4-bit: two per byte, 2-bit: four per byte; the first
// element in the lowest bits). The engine's Tensor keeps one element per byte; ORT stores them packed.
namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Bit packing of 4-bit and 2-bit tensor elements.</summary>
internal static class SubByteCodec
{
    /// <summary>Gets the packed length in bytes of <paramref name="count"/> elements.</summary>
    public static int PackedLength(int count, int perByte) => (count + perByte - 1) / perByte;

    /// <summary>Packs one-element-per-byte values (low bits used) into <paramref name="packed"/>.</summary>
    public static void Pack(ReadOnlySpan<byte> values, int perByte, Span<byte> packed)
    {
        var bits = 8 / perByte;
        var mask = (1 << bits) - 1;
        packed.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            packed[i / perByte] |= (byte)((values[i] & mask) << (bits * (i % perByte)));
        }
    }

    /// <summary>Unpacks into one element per byte, sign-extending when <paramref name="signed"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int perByte, bool signed, Span<byte> values)
    {
        var bits = 8 / perByte;
        var mask = (1 << bits) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var v = (packed[i / perByte] >> (bits * (i % perByte))) & mask;
            if (signed && (v & (1 << (bits - 1))) != 0)
            {
                v -= 1 << bits;
            }

            values[i] = (byte)(sbyte)v;
        }
    }
}
