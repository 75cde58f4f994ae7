// Writes the ORT format (.ort) of the final model: ONNX Runtime loads the model with basic (portable)
// graph optimizations and serializes it, so the edge device skips parsing and optimizing at start-up. ORT's
// bytes differ from process to process; OrtCanonicalBytes makes them a function of the model (issue 17).
using EdgeSdk.Runtime;

namespace EdgeSdk.Pipeline;

/// <summary>Converts an ONNX model to ONNX Runtime's .ort format.</summary>
internal static class OrtFormatWriter
{
    /// <summary>Writes <paramref name="ortPath"/> from <paramref name="onnxPath"/>, atomically, in its canonical byte layout; <paramref name="report"/> gets EDGE4033 when ORT's own bytes had to be kept.</summary>
    public static void Write(string onnxPath, string ortPath, Action<EdgeDiagnostic>? report = null)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ortPath))!, $".{Path.GetFileName(ortPath)}.{Guid.NewGuid():N}.ort");
        try
        {
            // Basic optimizations only: levels above it bake in layouts specific to this host's CPU.
            using (InferenceSession.FromFile(onnxPath, new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.Basic, OptimizedModelFilePath = temp, SaveOrtFormat = true }))
            {
            }

            var (bytes, warning) = OrtCanonicalBytes.Of(File.ReadAllBytes(temp), ortPath);
            if (warning is not null)
            {
                report?.Invoke(warning);
            }
            else
            {
                File.WriteAllBytes(temp, bytes);
            }

            File.Move(temp, ortPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
