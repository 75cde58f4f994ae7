// The value stored under ac/<key>: which CAS blobs hold a step's output model and record, encoded as a
// Remote Execution API ActionResult (see action_result.proto) so that bazel-remote accepts it unchanged.
// A host-dependent result leaves a marker entry under the portable key that points readers at the key
// that includes the host identity.
using EdgeSdk.Caching.Reapi;
using Google.Protobuf;

namespace EdgeSdk.Caching;

/// <summary>A blob reference: sha256 and size.</summary>
/// <param name="Sha256">Lowercase hex sha256.</param>
/// <param name="Size">Size in bytes.</param>
internal sealed record BlobDigest(string Sha256, long Size)
{
    /// <summary>The digest of the empty blob (always present on bazel-remote).</summary>
    public static readonly BlobDigest Empty = new("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0);

    /// <summary>Returns whether <paramref name="text"/> is 64 lowercase hex digits.</summary>
    public static bool IsValidHash(string text) => text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

/// <summary>One step result in the step index.</summary>
/// <param name="Model">The output model's blob, or null for a host-dependent marker.</param>
/// <param name="Record">The step record's blob (JSON), or null for a host-dependent marker.</param>
internal sealed record StepCacheEntry(BlobDigest? Model, BlobDigest? Record)
{
    private const string ModelPath = "model.onnx";
    private const string RecordPath = "step.json";
    private const string HostMarkerPath = "edgesdk/host-dependent";

    /// <summary>Gets the marker entry that sends readers to the host-specific key.</summary>
    public static StepCacheEntry HostDependentMarker { get; } = new(null, null);

    /// <summary>Gets whether this is the host-dependent marker.</summary>
    public bool IsHostDependentMarker => Model is null;

    /// <summary>Serializes the entry as an ActionResult.</summary>
    public byte[] ToBytes()
    {
        var result = new ActionResult { ExitCode = 0 };
        if (IsHostDependentMarker)
        {
            result.OutputFiles.Add(File(HostMarkerPath, BlobDigest.Empty));
        }
        else
        {
            result.OutputFiles.Add(File(ModelPath, Model!));
            result.OutputFiles.Add(File(RecordPath, Record!));
        }

        return result.ToByteArray();
    }

    /// <summary>Parses an entry; null when the bytes are not a well-formed EdgeSdk entry (treated as corrupt).</summary>
    public static StepCacheEntry? TryParse(ReadOnlySpan<byte> bytes)
    {
        ActionResult result;
        try
        {
            result = ActionResult.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        if (result.ExitCode != 0)
        {
            return null;
        }

        var files = new Dictionary<string, BlobDigest>(StringComparer.Ordinal);
        foreach (var file in result.OutputFiles)
        {
            if (file.Digest is null || !BlobDigest.IsValidHash(file.Digest.Hash) || file.Digest.SizeBytes < 0 || !files.TryAdd(file.Path, new BlobDigest(file.Digest.Hash, file.Digest.SizeBytes)))
            {
                return null;
            }
        }

        if (files.Count == 1 && files.ContainsKey(HostMarkerPath))
        {
            return HostDependentMarker;
        }

        return files.Count == 2 && files.TryGetValue(ModelPath, out var model) && files.TryGetValue(RecordPath, out var record)
            ? new StepCacheEntry(model, record)
            : null;
    }

    private static OutputFile File(string path, BlobDigest digest) =>
        new() { Path = path, Digest = new Digest { Hash = digest.Sha256, SizeBytes = digest.Size } };
}
