// Summary statistics of timed runs: percentiles with numpy's default (linear interpolation between
// closest ranks) with distribution-free confidence intervals, mean, sample standard deviation, extremes and
// throughput at the evaluated batch size.
using MathNet.Numerics.Statistics;

namespace EdgeSdk.Evaluation;

/// <summary>Latency of repeated model runs, in milliseconds per run (one run = one batch).</summary>
internal sealed record LatencyStatistics
{
    /// <summary>Gets the median.</summary>
    public required double P50Ms { get; init; }

    /// <summary>Gets the 90th percentile.</summary>
    public required double P90Ms { get; init; }

    /// <summary>Gets the 99th percentile.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Gets the mean.</summary>
    public required double MeanMs { get; init; }

    /// <summary>Gets the sample standard deviation (0 for a single run).</summary>
    public required double StdDevMs { get; init; }

    /// <summary>Gets the fastest run.</summary>
    public required double MinMs { get; init; }

    /// <summary>Gets the slowest run.</summary>
    public required double MaxMs { get; init; }

    /// <summary>Gets the number of timed runs.</summary>
    public required int Runs { get; init; }

    /// <summary>Gets the number of untimed warm-up runs before them.</summary>
    public required int Warmup { get; init; }

    /// <summary>Gets the samples per run.</summary>
    public required int Batch { get; init; }

    /// <summary>Gets the intra-op threads the session used.</summary>
    public required int Threads { get; init; }

    /// <summary>Gets samples per second at the median latency (batch / p50): robust to the few runs a busy machine deschedules.</summary>
    public required double ThroughputPerSecond { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of the median (order statistics).</summary>
    public ConfidenceInterval? P50Ci { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of the 90th percentile.</summary>
    public ConfidenceInterval? P90Ci { get; init; }

    /// <summary>Gets the 97.5 % confidence interval of the 99th percentile (infinite above until enough runs bound it).</summary>
    public ConfidenceInterval? P99Ci { get; init; }

    /// <summary>Gets every timed run in order, in milliseconds (for the latency distribution chart).</summary>
    public IReadOnlyList<double> SamplesMs { get; init; } = [];

    /// <summary>Returns the named percentile, e.g. <c>p90</c> (p50, p90, p99, mean, min, max).</summary>
    public double Get(string statistic) => statistic.ToLowerInvariant() switch
    {
        "p50" or "median" => P50Ms,
        "p90" => P90Ms,
        "p99" => P99Ms,
        "mean" or "avg" => MeanMs,
        "min" => MinMs,
        "max" => MaxMs,
        _ => throw new ArgumentException($"Unknown latency statistic '{statistic}': use p50, p90, p99, mean, min or max."),
    };

    /// <summary>Computes the statistics of <paramref name="samplesMs"/>.</summary>
    public static LatencyStatistics FromSamples(IReadOnlyList<double> samplesMs, int warmup, int batch, int threads)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("At least one timed run is needed.", nameof(samplesMs));
        }

        var sorted = samplesMs.Order().ToArray();
        var mean = sorted.Average();
        return new LatencyStatistics
        {
            P50Ms = Percentile(sorted, 50),
            P90Ms = Percentile(sorted, 90),
            P99Ms = Percentile(sorted, 99),
            MeanMs = mean,
            StdDevMs = sorted.Length > 1 ? ArrayStatistics.StandardDeviation(sorted) : 0,
            MinMs = sorted[0],
            MaxMs = sorted[^1],
            Runs = sorted.Length,
            Warmup = warmup,
            Batch = batch,
            Threads = threads,
            ThroughputPerSecond = sorted[sorted.Length / 2] > 0 ? batch * 1000.0 / Percentile(sorted, 50) : 0,
            P50Ci = QuantileInterval.Of(sorted, 0.50, ConfidenceInterval.PercentileLevel),
            P90Ci = QuantileInterval.Of(sorted, 0.90, ConfidenceInterval.PercentileLevel),
            P99Ci = QuantileInterval.Of(sorted, 0.99, ConfidenceInterval.PercentileLevel),
            SamplesMs = samplesMs.ToArray(),
        };
    }

    /// <summary>Returns the <paramref name="percent"/>-th percentile of ascending <paramref name="sorted"/> (numpy's linear method).</summary>
    public static double Percentile(double[] sorted, double percent) =>
        SortedArrayStatistics.QuantileCustom(sorted, percent / 100, QuantileDefinition.R7);
}
