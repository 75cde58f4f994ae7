// An ESTIMATE of latency on the recipe's target device from a per-node roofline, beside the size and
// memory figures judged against the device's storage and RAM. Reports must label it as an estimate: it
// ignores caches, kernel efficiency and scheduling, so it ranks models well but is not a measurement.
namespace EdgeSdk.Evaluation;

/// <summary>Which roof limits a node in the roofline model.</summary>
internal enum RooflineBound
{
    /// <summary>The node's arithmetic takes longer than moving its bytes.</summary>
    Compute,

    /// <summary>Moving the node's bytes takes longer than its arithmetic.</summary>
    Memory,
}

/// <summary>The roofline estimate of one node on the target.</summary>
/// <param name="Name">Node name.</param>
/// <param name="OpType">Operator type.</param>
/// <param name="ComputeMs">Arithmetic time at the target's peak for the node's precision.</param>
/// <param name="MemoryMs">Time to move the node's weights, inputs and outputs at the target's bandwidth.</param>
/// <param name="Bound">The larger of the two.</param>
internal sealed record NodeEstimate(string Name, string OpType, double ComputeMs, double MemoryMs, RooflineBound Bound)
{
    /// <summary>Gets the node's estimated time (the larger roof).</summary>
    public double Ms => Math.Max(ComputeMs, MemoryMs);
}

/// <summary>The target estimate of one model.</summary>
internal sealed record TargetEstimate
{
    /// <summary>Gets the label every report shows with these figures.</summary>
    public const string Label = "estimate (roofline from the target profile, not measured)";

    /// <summary>Gets the target profile's name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the estimated latency of one batch in milliseconds, or null when the profile lacks peak throughput or bandwidth.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Gets the per-node estimates in execution order (empty when <see cref="LatencyMs"/> is null).</summary>
    public IReadOnlyList<NodeEstimate> Nodes { get; init; } = [];

    /// <summary>Gets the model's bytes against the target's storage.</summary>
    public required long ModelBytes { get; init; }

    /// <summary>Gets the target's storage in bytes (0 when the profile does not say).</summary>
    public required long StorageBytes { get; init; }

    /// <summary>Gets the inference's peak memory (weights + activation peak).</summary>
    public required long PeakMemoryBytes { get; init; }

    /// <summary>Gets the target's RAM in bytes (0 when the profile does not say).</summary>
    public required long RamBytes { get; init; }

    /// <summary>Gets whether the model fits the target's storage (true when the storage is unknown).</summary>
    public bool FitsStorage => StorageBytes <= 0 || ModelBytes <= StorageBytes;

    /// <summary>Gets whether the inference fits the target's RAM (true when the RAM is unknown).</summary>
    public bool FitsRam => RamBytes <= 0 || PeakMemoryBytes <= RamBytes;
}
