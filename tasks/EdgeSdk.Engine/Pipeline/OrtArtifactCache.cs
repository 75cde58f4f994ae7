// The model.ort conversion goes through the step cache like a step, keyed by the final model's digest (plus
// the engine build and ONNX Runtime version, as every key), so a build whose model another build converted
// restores the file instead of loading the model in ONNX Runtime. The bytes are the same either way: the
// conversion writes the canonical layout (OrtFormatWriter, OrtCanonicalBytes).
using EdgeSdk.Caching;
using EdgeSdk.IO;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Pipeline;

/// <summary>Writes model.ort from the caches when another build already converted the same model.</summary>
internal static class OrtArtifactCache
{
    private static readonly byte[] Record = "{\"kind\":\"ort-format\"}\n"u8.ToArray();

    /// <summary>Writes <paramref name="ortPath"/> for <paramref name="onnxPath"/>: restored from <paramref name="cache"/> when present, else converted and stored.</summary>
    public static void Write(string onnxPath, string ortPath, StepCache? cache, Action<EdgeDiagnostic> report)
    {
        if (cache is null || !cache.Settings.Enabled)
        {
            OrtFormatWriter.Write(onnxPath, ortPath, report);
            return;
        }

        var key = StepCacheKey.For(new Fingerprint().Add("artifact", "ort-format").Add("model", Fingerprint.FileSha256(onnxPath)).Compute());
        if (cache.TryRestore(key, ortPath, report, CancellationToken.None) is not null)
        {
            return;
        }

        OrtFormatWriter.Write(onnxPath, ortPath, report);
        cache.Store(key, ortPath, Record, hostDependent: false, report, CancellationToken.None);
    }
}
