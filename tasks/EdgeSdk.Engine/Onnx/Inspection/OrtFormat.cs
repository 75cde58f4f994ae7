// Recognises ONNX Runtime's ORT format (model.ort): a FlatBuffer whose file identifier "ORTM" sits at
// bytes 4..7. It is not an ONNX protobuf, so the ONNX reader would only say "invalid tag"; callers use
// this to say what the file is and read it through ONNX Runtime instead.
namespace EdgeSdk.Onnx.Inspection;

/// <summary>Detects ORT-format model files.</summary>
internal static class OrtFormat
{
    /// <summary>Returns whether the file at <paramref name="path"/> starts like an ORT-format model.</summary>
    public static bool IsOrtFormat(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length
            && head[4] == (byte)'O' && head[5] == (byte)'R' && head[6] == (byte)'T' && head[7] == (byte)'M';
    }
}
