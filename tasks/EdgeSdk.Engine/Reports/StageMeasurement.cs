// The measurements of one pipeline stage (the input model, or a step's output) in the form the gate,
// the manifest, the report and `edgesdk diff` share.
namespace EdgeSdk.Reports;

/// <summary>Latency percentiles and settings of one measurement.</summary>
internal sealed record LatencySummary
{
    /// <summary>Gets the median latency in milliseconds.</summary>
    public double P50Ms { get; init; }

    /// <summary>Gets the 90th percentile in milliseconds.</summary>
    public double P90Ms { get; init; }

    /// <summary>Gets the 99th percentile in milliseconds.</summary>
    public double P99Ms { get; init; }

    /// <summary>Gets the mean in milliseconds.</summary>
    public double MeanMs { get; init; }

    /// <summary>Gets the standard deviation in milliseconds.</summary>
    public double StdDevMs { get; init; }

    /// <summary>Gets the number of timed runs.</summary>
    public int Runs { get; init; }

    /// <summary>Gets the number of warm-up runs.</summary>
    public int Warmup { get; init; }

    /// <summary>Gets the batch size.</summary>
    public int Batch { get; init; }

    /// <summary>Gets the intra-op thread count.</summary>
    public int Threads { get; init; }

    /// <summary>Gets the throughput in samples per second.</summary>
    public double ThroughputPerSecond { get; init; }
}

/// <summary>Everything measured about one stage.</summary>
internal sealed record StageMeasurement
{
    /// <summary>Gets the stage name: <c>baseline</c> or the pass's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the model's sha256.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Gets the model's size on disk in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Gets the parameter count (initializer elements).</summary>
    public long Parameters { get; init; }

    /// <summary>Gets the multiply-accumulate count per sample, when known.</summary>
    public long? Macs { get; init; }

    /// <summary>Gets the peak memory estimate in bytes (weights plus live activations), when known.</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>Gets quality metrics by name (e.g. <c>accuracy</c>).</summary>
    public SortedDictionary<string, double> Metrics { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the measured host latency.</summary>
    public LatencySummary? Latency { get; init; }

    /// <summary>Gets the estimated latency on the recipe's target in milliseconds (an estimate, not a measurement).</summary>
    public double? EstimatedTargetLatencyMs { get; init; }
}
