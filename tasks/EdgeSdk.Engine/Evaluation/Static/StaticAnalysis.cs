// The static analysis of a model: how big it is (parameters, bytes on disk, compressed), how much work it
// does (MACs per node and in total) and how much memory it needs (weights plus the peak of live
// activations in execution order).
namespace EdgeSdk.Evaluation;

/// <summary>Static figures of one model at one batch size.</summary>
internal sealed record StaticAnalysis
{
    /// <summary>Gets the number of weight elements (numeric initializers other than int64 shape/index tensors).</summary>
    public required long Parameters { get; init; }

    /// <summary>Gets the serialized model size.</summary>
    public required long ModelBytes { get; init; }

    /// <summary>Gets the size after deflate (smallest size), as a zip would store it.</summary>
    public required long DeflateBytes { get; init; }

    /// <summary>Gets the size after Brotli (smallest size).</summary>
    public required long BrotliBytes { get; init; }

    /// <summary>Gets the total multiply-accumulates for one batch.</summary>
    public required long Macs { get; init; }

    /// <summary>Gets the bytes of all initializers (weight memory).</summary>
    public required long WeightBytes { get; init; }

    /// <summary>Gets the largest sum of live activation bytes at any node, in execution order.</summary>
    public required long PeakActivationBytes { get; init; }

    /// <summary>Gets the batch size the figures are for.</summary>
    public required int Batch { get; init; }

    /// <summary>Gets the figures of each node, in execution order.</summary>
    public required IReadOnlyList<NodeAnalysis> Nodes { get; init; }

    /// <summary>Gets the weights plus the activation peak: the memory an inference needs at least.</summary>
    public long PeakMemoryBytes => WeightBytes + PeakActivationBytes;

    /// <summary>Gets how many nodes lacked shapes (their MACs count as 0).</summary>
    public int NodesWithUnknownShapes => Nodes.Count(n => !n.ShapesKnown);
}
