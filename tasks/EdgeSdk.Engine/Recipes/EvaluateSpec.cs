// How the pipeline evaluates the baseline and the final model: the task (which decides how outputs are
// read), the metrics to compute, and how latency is measured.
using EdgeSdk.Evaluation;

namespace EdgeSdk.Recipes;

/// <summary>Latency measurement settings.</summary>
internal sealed record LatencySpec
{
    /// <summary>Gets the untimed warm-up runs.</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Gets the timed runs.</summary>
    public int Runs { get; init; } = 100;

    /// <summary>Gets the batch size of each run.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Gets the ONNX Runtime intra-op threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Gets the least time to keep running (seconds) after <see cref="Runs"/>, or null.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Gets the most seconds timing may go on while a timing budget's confidence interval still straddles its limit (default 20).</summary>
    public double MaxDurationSeconds { get; init; } = 20;
}

/// <summary>The <c>evaluate</c> section.</summary>
internal sealed record EvaluateSpec
{
    /// <summary>Gets the task.</summary>
    public EvaluationTask Task { get; init; } = EvaluationTask.Multiclass;

    /// <summary>Gets the metric names (canonical spelling, see <see cref="MetricNames"/>); the first is the primary metric.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["accuracy"];

    /// <summary>Gets the latency settings.</summary>
    public LatencySpec Latency { get; init; } = new();
}
