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

    /// <summary>Gets the fastest run in milliseconds.</summary>
    public double MinMs { get; init; }

    /// <summary>Gets the slowest run in milliseconds.</summary>
    public double MaxMs { get; init; }

    /// <summary>Gets the timed runs in order, in milliseconds (the report's latency distribution; at most <see cref="MaxStoredSamples"/>, evenly thinned), or null.</summary>
    public IReadOnlyList<double>? SamplesMs { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of <see cref="P50Ms"/>, or null in records of older versions.</summary>
    public Evaluation.ConfidenceInterval? P50Ci { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of <see cref="P90Ms"/>, or null.</summary>
    public Evaluation.ConfidenceInterval? P90Ci { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of <see cref="P99Ms"/>, or null.</summary>
    public Evaluation.ConfidenceInterval? P99Ci { get; init; }

    /// <summary>Gets how many interleaved rounds the stages were timed in (0: timed alone).</summary>
    public int Rounds { get; init; }

    /// <summary>Gets the seconds the interleaved timing of all stages took.</summary>
    public double MeasuredSeconds { get; init; }

    /// <summary>The most samples a summary keeps for the distribution chart.</summary>
    public const int MaxStoredSamples = 2000;

    /// <summary>Returns the named percentile (<c>p50</c>, <c>p90</c>, <c>p99</c>) in milliseconds.</summary>
    public double Percentile(string name) => name switch
    {
        "p50" => P50Ms,
        "p90" => P90Ms,
        _ => P99Ms,
    };

    /// <summary>Returns the confidence interval of the named percentile, or null when the record has none.</summary>
    public Evaluation.ConfidenceInterval? Interval(string name) => name switch
    {
        "p50" => P50Ci,
        "p90" => P90Ci,
        _ => P99Ci,
    };

    /// <summary>Summarizes <paramref name="l"/>, keeping at most <see cref="MaxStoredSamples"/> samples.</summary>
    public static LatencySummary From(Evaluation.LatencyStatistics l, int rounds = 0, double seconds = 0) => new()
    {
        P50Ms = l.P50Ms,
        P90Ms = l.P90Ms,
        P99Ms = l.P99Ms,
        MeanMs = l.MeanMs,
        StdDevMs = l.StdDevMs,
        MinMs = l.MinMs,
        MaxMs = l.MaxMs,
        Runs = l.Runs,
        Warmup = l.Warmup,
        Batch = l.Batch,
        Threads = l.Threads,
        ThroughputPerSecond = l.ThroughputPerSecond,
        SamplesMs = Thin(l.SamplesMs).Select(v => Math.Round(v, 4)).ToArray(),
        P50Ci = l.P50Ci,
        P90Ci = l.P90Ci,
        P99Ci = l.P99Ci,
        Rounds = rounds,
        MeasuredSeconds = Math.Round(seconds, 3),
    };

    private static IEnumerable<double> Thin(IReadOnlyList<double> samples)
    {
        if (samples.Count <= MaxStoredSamples)
        {
            return samples;
        }

        return Enumerable.Range(0, MaxStoredSamples).Select(i => samples[(int)((long)i * samples.Count / MaxStoredSamples)]);
    }
}

/// <summary>Static and estimated figures of one layer (node), for the report's per-layer diagnostics.</summary>
internal sealed record LayerDiagnostic
{
    /// <summary>Gets the node name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the operator type.</summary>
    public required string OpType { get; init; }

    /// <summary>Gets the compute precision (<c>fp32</c>, <c>fp16</c>, <c>int8</c>).</summary>
    public required string Precision { get; init; }

    /// <summary>Gets the multiply-accumulates for one batch.</summary>
    public long Macs { get; init; }

    /// <summary>Gets the bytes of the layer's weights.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Gets the bytes of the layer's outputs.</summary>
    public long OutputBytes { get; init; }

    /// <summary>Gets the first output's shape, e.g. <c>[1,64,8,8]</c>.</summary>
    public string OutputShape { get; init; } = string.Empty;

    /// <summary>Gets the roofline estimate on the target in milliseconds, or null.</summary>
    public double? EstimatedMs { get; init; }

    /// <summary>Gets <c>compute</c> or <c>memory</c> (which roof bounds the layer), or null.</summary>
    public string? Bound { get; init; }
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

    /// <summary>Gets the model's size after deflate, when measured.</summary>
    public long? DeflateBytes { get; init; }

    /// <summary>Gets the weight memory in bytes, when measured.</summary>
    public long? WeightBytes { get; init; }

    /// <summary>Gets the activation peak in bytes, when measured.</summary>
    public long? PeakActivationBytes { get; init; }

    /// <summary>Gets the target profile's RAM in bytes (what <see cref="PeakMemoryBytes"/> must fit), when the profile says.</summary>
    public long? TargetRamBytes { get; init; }

    /// <summary>Gets the target profile's storage in bytes (what <see cref="Bytes"/> must fit), when the profile says.</summary>
    public long? TargetStorageBytes { get; init; }

    /// <summary>Gets per-layer diagnostics in execution order, when measured.</summary>
    public IReadOnlyList<LayerDiagnostic>? Layers { get; init; }

    /// <summary>Gets the ONNX Runtime execution providers the stage was evaluated on, in priority order (the last is always the CPU fallback); null in records of older versions.</summary>
    public IReadOnlyList<string>? ExecutionProviders { get; init; }

    /// <summary>Gets the target profile's providers the stage ran without, and why (EDGE3007); null when none was left out.</summary>
    public IReadOnlyList<Runtime.ProviderFallback>? ProviderFallbacks { get; init; }
}
