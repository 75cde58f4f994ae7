// Options for saving a model: which initializers go to an external data file (above a size threshold,
// and always when the model would exceed protobuf's 2 GiB limit) and what that file is called.
namespace EdgeSdk.Onnx;

/// <summary>How <see cref="ModelFile.Save(Proto.ModelProto, string, ModelSaveOptions)"/> writes a model.</summary>
internal sealed record ModelSaveOptions
{
    /// <summary>The largest serialized model protobuf can represent (2 GiB), less a safety margin for the non-tensor fields.</summary>
    public const long ProtobufLimitBytes = int.MaxValue - (64L << 20);

    /// <summary>Gets the default options: everything inline unless the model would exceed 2 GiB.</summary>
    public static ModelSaveOptions Default { get; } = new();

    /// <summary>Gets the size from which an initializer is stored externally; null keeps everything inline (unless the model is too large).</summary>
    public long? ExternalDataThreshold { get; init; }

    /// <summary>Gets the external data file name (a plain file name next to the model); default <c>&lt;model file name&gt;.data</c>.</summary>
    public string? ExternalDataFileName { get; init; }

    /// <summary>Gets the threshold used when the model must go external because of its size.</summary>
    public long ForcedExternalThreshold { get; init; } = 1024;

    /// <summary>Gets the inline size above which external data is forced (the protobuf limit; lower only in tests).</summary>
    internal long InlineLimitBytes { get; init; } = ProtobufLimitBytes;
}
