// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// A block of NUL-terminated UTF-8 strings in native memory with an array of pointers to them, kept for
// the lifetime of a session or prepared run so that Run needs no per-call string marshalling.
using System.Text;
using System.Runtime.InteropServices;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Immutable native UTF-8 copies of a list of strings.</summary>
internal sealed unsafe class NativeStrings : IDisposable
{
    private byte* buffer;
    private nint* pointers;

    public NativeStrings(IReadOnlyList<string> strings)
    {
        var encoded = strings.Select(s => Encoding.UTF8.GetBytes(s + "\0")).ToArray();
        buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, encoded.Sum(e => e.Length)));
        pointers = (nint*)NativeMemory.Alloc((nuint)(Math.Max(1, strings.Count) * sizeof(nint)));
        var offset = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(new Span<byte>(buffer + offset, encoded[i].Length));
            pointers[i] = (nint)(buffer + offset);
            offset += encoded[i].Length;
        }

        Count = strings.Count;
    }

    ~NativeStrings() => Free();

    /// <summary>Gets the number of strings.</summary>
    public int Count { get; }

    /// <summary>Gets the array of <c>const char*</c>.</summary>
    public nint* Pointers => pointers;

    /// <inheritdoc/>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        NativeMemory.Free(buffer);
        NativeMemory.Free(pointers);
        buffer = null;
        pointers = null;
    }
}
