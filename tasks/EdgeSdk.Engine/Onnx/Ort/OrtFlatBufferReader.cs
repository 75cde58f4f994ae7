// A minimal, bounds-checked reader of FlatBuffers tables, strings and vectors over the bytes of a .ort file,
// enough for the canonicalizer to read the root table and the kernel type-string table. Every read checks
// its bounds and alignment and throws OrtFormatException (never IndexOutOfRange) on a malformed buffer. It
// remembers the extent of every object it read, so the caller can tell which bytes those objects occupy.
using System.Buffers.Binary;
using System.Text;

namespace EdgeSdk.Onnx.Ort;

/// <summary>A .ort buffer that is not the FlatBuffer the reader expects.</summary>
internal sealed class OrtFormatException(string message) : Exception(message);

/// <summary>Reads FlatBuffers objects from a buffer, checking every offset.</summary>
internal sealed class OrtFlatBufferReader(byte[] buffer)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly List<(int Start, int End)> _extents = [];

    /// <summary>Gets the buffer.</summary>
    public byte[] Buffer { get; } = buffer;

    /// <summary>Gets the [start, end) byte ranges of every table, vtable, vector and string read so far.</summary>
    public IReadOnlyList<(int Start, int End)> Extents => _extents;

    /// <summary>Returns the position of the root table, after checking the file identifier.</summary>
    public int Root(string fileIdentifier)
    {
        Check(0, 8, "header");
        if (Encoding.ASCII.GetString(Buffer, 4, 4) != fileIdentifier)
        {
            throw new OrtFormatException($"the file identifier is not '{fileIdentifier}'");
        }

        _extents.Add((0, 8));
        return Follow(0);
    }

    /// <summary>Returns the position of <paramref name="table"/>'s vtable.</summary>
    public int VTable(int table)
    {
        var vtable = (long)table - I32(table);
        if (vtable < 0 || vtable + 4 > Buffer.Length || vtable % 2 != 0)
        {
            throw new OrtFormatException($"the vtable of the table at {table} lies outside the buffer");
        }

        int size = U16((int)vtable), tableSize = U16((int)vtable + 2);
        if (size < 4 || size % 2 != 0 || vtable + size > Buffer.Length || tableSize < 4 || (long)table + tableSize > Buffer.Length)
        {
            throw new OrtFormatException($"the vtable of the table at {table} is malformed");
        }

        _extents.Add(((int)vtable, (int)vtable + size));
        _extents.Add((table, table + tableSize));
        return (int)vtable;
    }

    /// <summary>Gets the number of fields <paramref name="table"/>'s vtable describes.</summary>
    public int FieldCount(int table) => (U16(VTable(table)) - 4) / 2;

    /// <summary>Returns the position of field <paramref name="field"/> in <paramref name="table"/>, or -1 when absent.</summary>
    public int Field(int table, int field)
    {
        var vtable = VTable(table);
        if (4 + (2 * field) >= U16(vtable))
        {
            return -1;
        }

        var offset = U16(vtable + 4 + (2 * field));
        if (offset != 0 && offset + 1 > U16(vtable + 2))
        {
            throw new OrtFormatException($"field {field} of the table at {table} lies outside the table");
        }

        return offset == 0 ? -1 : table + offset;
    }

    /// <summary>Returns the object an offset field points to, or -1 when the field is absent.</summary>
    public int Reference(int table, int field) => Field(table, field) is var at && at < 0 ? -1 : Follow(at);

    /// <summary>Returns the string an offset field points to, or null when absent; <paramref name="position"/> is where it lies.</summary>
    public string? String(int table, int field, out int position)
    {
        position = Reference(table, field);
        return position < 0 ? null : StringAt(position);
    }

    /// <summary>Returns the UTF-8 bytes of the string at <paramref name="position"/> (checked to be valid UTF-8 and NUL-terminated).</summary>
    public byte[] StringBytesAt(int position)
    {
        var length = Length(position, 1, "string", extra: 1);
        var bytes = Buffer.AsSpan(position + 4, length).ToArray();
        if (Buffer[position + 4 + length] != 0)
        {
            throw new OrtFormatException($"the string at {position} is not NUL-terminated");
        }

        try
        {
            StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new OrtFormatException($"the string at {position} is not UTF-8");
        }

        return bytes;
    }

    /// <summary>Returns the string at <paramref name="position"/>.</summary>
    public string StringAt(int position) => StrictUtf8.GetString(StringBytesAt(position));

    /// <summary>Returns the positions of the tables a vector-of-tables field points to; empty when absent.</summary>
    public IReadOnlyList<int> Tables(int table, int field)
    {
        var vector = Reference(table, field);
        if (vector < 0)
        {
            return [];
        }

        var count = Length(vector, 4, "vector");
        return [.. Enumerable.Range(0, count).Select(i => Follow(vector + 4 + (4 * i)))];
    }

    /// <summary>Returns the byte at field <paramref name="field"/>, or <paramref name="fallback"/> when absent.</summary>
    public byte Byte(int table, int field, byte fallback) => Field(table, field) is var at && at < 0 ? fallback : Buffer[at];

    /// <summary>Returns the uint32 at field <paramref name="field"/>, or <paramref name="fallback"/> when absent.</summary>
    public uint UInt32(int table, int field, uint fallback)
    {
        var at = Field(table, field);
        if (at < 0)
        {
            return fallback;
        }

        Check(at, 4, "uint32 field");
        return BinaryPrimitives.ReadUInt32LittleEndian(Buffer.AsSpan(at));
    }

    private int Follow(int at)
    {
        Check(at, 4, "offset");
        var target = (long)at + BinaryPrimitives.ReadUInt32LittleEndian(Buffer.AsSpan(at));
        if (target + 4 > Buffer.Length || target % 4 != 0)
        {
            throw new OrtFormatException($"the offset at {at} points outside the buffer");
        }

        return (int)target;
    }

    private int Length(int position, int elementSize, string what, int extra = 0)
    {
        Check(position, 4, what);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(Buffer.AsSpan(position));
        var end = position + 4L + ((long)count * elementSize) + extra;
        if (end > Buffer.Length)
        {
            throw new OrtFormatException($"the {what} at {position} runs past the end of the buffer");
        }

        _extents.Add((position, (int)end));
        return (int)count;
    }

    private int I32(int at)
    {
        Check(at, 4, "table");
        return BinaryPrimitives.ReadInt32LittleEndian(Buffer.AsSpan(at));
    }

    private int U16(int at)
    {
        Check(at, 2, "vtable");
        return BinaryPrimitives.ReadUInt16LittleEndian(Buffer.AsSpan(at));
    }

    private void Check(long at, int size, string what)
    {
        if (at < 0 || at + size > Buffer.Length || at % Math.Min(size, 4) != 0)
        {
            throw new OrtFormatException($"the {what} at {at} lies outside the buffer or is misaligned");
        }
    }
}
