// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Reads a session's declared inputs or outputs (names and types) once, when the session is created.
using System.Runtime.InteropServices;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Reads <see cref="ValueMetadata"/> from a native session.</summary>
internal static unsafe class SessionMetadataReader
{
    /// <summary>Reads the declared inputs (or outputs) of a native session.</summary>
    public static List<ValueMetadata> Read(OrtLibrary library, nint session, bool isInput)
    {
        var api = library.Api;
        nuint count;
        OrtStatus.Check(api, isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), "counting the model's values");
        var result = new List<ValueMetadata>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* namePointer;
            OrtStatus.Check(api, isInput ? api.SessionGetInputName(session, i, library.DefaultAllocator, &namePointer) : api.SessionGetOutputName(session, i, library.DefaultAllocator, &namePointer), "reading a value name");
            var name = Marshal.PtrToStringUTF8((nint)namePointer) ?? string.Empty;
            OrtStatus.Check(api, api.AllocatorFree(library.DefaultAllocator, namePointer), "freeing a value name");
            nint typeInfo;
            OrtStatus.Check(api, isInput ? api.SessionGetInputTypeInfo(session, i, &typeInfo) : api.SessionGetOutputTypeInfo(session, i, &typeInfo), $"reading the type of '{name}'");
            try
            {
                result.Add(TypeInfoReader.Read(api, name, typeInfo));
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }

        return result;
    }
}
