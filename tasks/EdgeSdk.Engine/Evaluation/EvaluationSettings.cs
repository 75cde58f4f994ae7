// What to evaluate and how: the task that decides which metrics exist, the metrics the recipe asks for,
// the latency protocol (warm-up, runs or duration, batch, threads), a reference model for fidelity and
// the target profile for the roofline estimate.
using EdgeSdk.Targets;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;

namespace EdgeSdk.Evaluation;

/// <summary>Settings of one evaluation.</summary>
internal sealed record EvaluationSettings
{
    /// <summary>Gets the task.</summary>
    public EvaluationTask Task { get; init; } = EvaluationTask.Multiclass;

    /// <summary>Gets the metrics the recipe asks for (names as in <see cref="EdgeSdk.Evaluation.MetricNames"/>, case-insensitive; <c>accuracy</c> is an alias). All metrics of the task are computed; asking for an unknown one is an error.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["accuracy"];

    /// <summary>Gets the k of TopKAccuracy.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Gets the score threshold of binary classification.</summary>
    public double BinaryThreshold { get; init; } = 0.5;

    /// <summary>Gets the untimed warm-up runs.</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Gets the timed runs (the minimum when <see cref="DurationSeconds"/> is set).</summary>
    public int Runs { get; init; } = 100;

    /// <summary>Gets the samples per timed run.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Gets the ONNX Runtime intra-op threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Gets the time to keep timing runs for, after <see cref="Runs"/> are done; null for a fixed count.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Gets the most seconds interleaved timing may go on, after the requested runs, while a timing budget's confidence interval still straddles its limit.</summary>
    public double MaxLatencySeconds { get; init; } = 20;

    /// <summary>Gets the batch size used to compute metrics over the data (throughput only; results do not depend on it).</summary>
    public int MetricBatch { get; init; } = 64;

    /// <summary>Gets the model whose outputs fidelity is measured against (usually the pipeline's input), or null.</summary>
    public ModelGraph? Reference { get; init; }

    /// <summary>Gets the reference model's first output on the evaluation data when already known (saves running it again), or null.</summary>
    public float[]? ReferenceOutputs { get; init; }

    /// <summary>Gets the target profile for the roofline estimate and the memory/storage checks, or null.</summary>
    public TargetProfile? Target { get; init; }

    /// <summary>Gets whether to time runs at all (off for quick checks and most tests).</summary>
    public bool MeasureLatency { get; init; } = true;
}
