// Options for loading a model: whether to read external tensor data, and whether to insist on the
// required header fields (the checker loads leniently so it can report what is missing).
namespace EdgeSdk.Onnx;

/// <summary>How <see cref="ModelFile.Load(string, ModelLoadOptions)"/> reads a model.</summary>
internal sealed record ModelLoadOptions
{
    /// <summary>Gets the default options: external data loaded, header validated.</summary>
    public static ModelLoadOptions Default { get; } = new();

    /// <summary>Gets the lenient options used by the checker: nothing external read, no header validation.</summary>
    public static ModelLoadOptions Lenient { get; } = new() { LoadExternalData = false, RequireValidHeader = false };

    /// <summary>Gets whether external tensor data is read into raw_data (default true).</summary>
    public bool LoadExternalData { get; init; } = true;

    /// <summary>Gets whether a model without ir_version or graph is an EDGE4001 error (default true).</summary>
    public bool RequireValidHeader { get; init; } = true;
}
