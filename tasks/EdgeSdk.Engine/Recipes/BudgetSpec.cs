// One budget the final model must meet. The limit is stored in canonical units so the gate compares
// numbers directly; the text as written is kept for messages, and the location for located errors.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>What a budget limits.</summary>
internal enum BudgetKind
{
    /// <summary>Largest drop of a metric against the input model, in metric units (accuracy: fraction).</summary>
    AccuracyDropAbsolute,

    /// <summary>Largest drop of a metric against the input model, as a fraction of the baseline value.</summary>
    AccuracyDropRelative,

    /// <summary>Lowest allowed metric value (accuracy: fraction).</summary>
    AccuracyFloor,

    /// <summary>Largest median latency (ms).</summary>
    LatencyP50,

    /// <summary>Largest 90th-percentile latency (ms).</summary>
    LatencyP90,

    /// <summary>Largest 99th-percentile latency (ms).</summary>
    LatencyP99,

    /// <summary>Largest model file size (bytes).</summary>
    ModelSize,

    /// <summary>Largest peak memory: weights plus live activations (bytes).</summary>
    PeakMemory,

    /// <summary>Largest multiply-accumulate count per inference.</summary>
    Macs,
}

/// <summary>One budget.</summary>
internal sealed record BudgetSpec
{
    /// <summary>Gets the name for reports (the recipe's <c>name</c>, or e.g. <c>accuracy.max_absolute_drop</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets what the budget limits.</summary>
    public required BudgetKind Kind { get; init; }

    /// <summary>Gets the metric an accuracy budget judges (empty for other kinds).</summary>
    public string Metric { get; init; } = string.Empty;

    /// <summary>Gets the limit in canonical units: fraction for accuracy, ms for latency, bytes for size and memory, count for MACs.</summary>
    public required double Limit { get; init; }

    /// <summary>Gets the value as written in the recipe, e.g. <c>0.5 points</c>.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the severity of a miss: <see cref="DiagnosticSeverity.Error"/>, or <see cref="DiagnosticSeverity.Warning"/> with <c>warning: true</c>.</summary>
    public DiagnosticSeverity Severity { get; init; } = DiagnosticSeverity.Error;

    /// <summary>Gets the location of the budget's value in the recipe.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets whether a larger measured value is worse (true for every kind but <see cref="BudgetKind.AccuracyFloor"/>).</summary>
    public bool IsUpperLimit => Kind != BudgetKind.AccuracyFloor;
}
