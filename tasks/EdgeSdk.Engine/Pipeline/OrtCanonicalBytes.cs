// The canonical .ort bytes of a model, or ONNX Runtime's own with a warning: the rewrite
// (Onnx/Ort/OrtFormatCanonicalizer) refuses what it does not know, and its result is used only when ONNX
// Runtime loads it, so a file it cannot rewrite safely is published as ORT wrote it, never damaged.
using EdgeSdk.Onnx.Ort;
using EdgeSdk.Runtime;

namespace EdgeSdk.Pipeline;

/// <summary>Chooses the bytes written for model.ort.</summary>
internal static class OrtCanonicalBytes
{
    /// <summary>Returns the canonical form of <paramref name="ort"/>, or <paramref name="ort"/> itself and an EDGE4033 warning naming <paramref name="ortPath"/>.</summary>
    public static (byte[] Bytes, EdgeDiagnostic? Warning) Of(byte[] ort, string ortPath)
    {
        byte[] canonical;
        try
        {
            canonical = OrtFormatCanonicalizer.Canonicalize(ort);
        }
        catch (OrtFormatException ex)
        {
            return (ort, Warning(ortPath, ex.Message));
        }

        try
        {
            using var session = InferenceSession.FromBytes(canonical, source: ortPath);
        }
        catch (EdgeException ex)
        {
            return (ort, Warning(ortPath, "ONNX Runtime does not load the rewritten file: " + ex.Message));
        }

        return (canonical, null);
    }

    private static EdgeDiagnostic Warning(string ortPath, string reason) => EdgeDiagnostic.Warning(DiagnosticCatalog.Onnx.OrtFormatNotCanonical,
        $"'{ortPath}' is kept as ONNX Runtime wrote it, so its bytes may differ between builds: it cannot be rewritten canonically ({reason}).");
}
