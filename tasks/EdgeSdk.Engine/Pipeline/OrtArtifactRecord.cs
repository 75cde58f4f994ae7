// model.ort in the work folder is reused while model.onnx is unchanged, so a model.ort overwritten with garbage
// used to be published build after build. Its conversion records the sha256 of both files beside it
// (model.ort.json); before model.ort is reused the record must hold the current model.onnx's digest and
// model.ort must still have the recorded one, else it is converted again: with an EDGE0034 warning when a
// recorded digest no longer matches (the file was damaged), quietly when there is no usable record.
using System.Text.Json;
using EdgeSdk.IO;

namespace EdgeSdk.Pipeline;

/// <summary>The digests recorded when model.ort was written, and the check before it is reused.</summary>
/// <param name="ModelSha256">The sha256 of the model.onnx it was converted from.</param>
/// <param name="OrtSha256">The sha256 of model.ort as written.</param>
internal sealed record OrtArtifactRecord(string ModelSha256, string OrtSha256)
{
    /// <summary>Returns the record's path for <paramref name="ortPath"/>.</summary>
    public static string PathOf(string ortPath) => ortPath + ".json";

    /// <summary>Records the digests of <paramref name="onnxPath"/> and <paramref name="ortPath"/> as just written.</summary>
    public static void Write(string onnxPath, string ortPath) =>
        AtomicFile.WriteAllText(PathOf(ortPath), JsonSerializer.Serialize(new OrtArtifactRecord(Fingerprint.FileSha256(onnxPath), Fingerprint.FileSha256(ortPath)), EngineJson.Options) + "\n");

    /// <summary>Returns whether <paramref name="ortPath"/> is the recorded conversion of <paramref name="onnxPath"/> as it is now; reports EDGE0034 when model.ort no longer has the digest recorded for this model.</summary>
    public static bool IsCurrent(string onnxPath, string ortPath, string modelName, Action<EdgeDiagnostic> report)
    {
        if (!File.Exists(ortPath) || TryRead(PathOf(ortPath)) is not { } record || record.ModelSha256 != Fingerprint.FileSha256(onnxPath))
        {
            return false;
        }

        if (record.OrtSha256 == Fingerprint.FileSha256(ortPath))
        {
            return true;
        }

        report(EdgeDiagnostic.Warning(DiagnosticCatalog.Sdk.WorkFileCorrupted,
            $"{modelName}: '{ortPath}' does not match the sha256 recorded when it was converted; it is converted again."));
        return false;
    }

    private static OrtArtifactRecord? TryRead(string path)
    {
        try
        {
            return File.Exists(path) && JsonSerializer.Deserialize<OrtArtifactRecord>(File.ReadAllText(path), EngineJson.Options) is { ModelSha256: not null, OrtSha256: not null } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
