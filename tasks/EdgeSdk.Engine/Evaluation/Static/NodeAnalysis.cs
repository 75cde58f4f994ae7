// Per-node figures of the static analysis: the work a node does (multiply-accumulates), at which
// precision, and the bytes it reads and writes; the roofline estimate and the per-layer report read these.
namespace EdgeSdk.Evaluation;

/// <summary>The arithmetic precision a node computes in, which selects the target's peak throughput.</summary>
internal enum ComputePrecision
{
    /// <summary>32-bit float.</summary>
    Fp32,

    /// <summary>16-bit float.</summary>
    Fp16,

    /// <summary>8-bit (or narrower) integer.</summary>
    Int8,
}

/// <summary>Static figures of one node.</summary>
internal sealed record NodeAnalysis
{
    /// <summary>Gets the node's name (or <c>OpType_index</c> when unnamed).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the operator type.</summary>
    public required string OpType { get; init; }

    /// <summary>Gets the multiply-accumulates (0 for operators without a MAC kernel).</summary>
    public required long Macs { get; init; }

    /// <summary>Gets the compute precision.</summary>
    public required ComputePrecision Precision { get; init; }

    /// <summary>Gets the bytes of the node's weights (initializer inputs).</summary>
    public required long WeightBytes { get; init; }

    /// <summary>Gets the bytes of the node's activation inputs.</summary>
    public required long InputBytes { get; init; }

    /// <summary>Gets the bytes of the node's outputs.</summary>
    public required long OutputBytes { get; init; }

    /// <summary>Gets the first output's shape, or empty when unknown.</summary>
    public required long[] OutputShape { get; init; }

    /// <summary>Gets whether every shape the node's figures need was known.</summary>
    public required bool ShapesKnown { get; init; }
}
