// One budget the final model must meet. The limit is stored in canonical units so the gate compares
// numbers directly; the text as written is kept for messages, and the location for located errors.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>What a budget limits.</summary>
internal enum BudgetKind
{
    /// <summary>Largest worsening of a metric against the input model, in the metric's own units (fractions: a fraction, written in points), in the metric's direction.</summary>
    AccuracyDropAbsolute,

    /// <summary>Largest worsening of a metric against the input model, as a fraction of the baseline value, in the metric's direction.</summary>
    AccuracyDropRelative,

    /// <summary>Lowest allowed value of a higher-is-better metric (<c>min</c>).</summary>
    AccuracyFloor,

    /// <summary>Highest allowed value of a lower-is-better metric (<c>max</c>).</summary>
    AccuracyCeiling,

    /// <summary>Largest median latency (ms).</summary>
    LatencyP50,

    /// <summary>Largest 90th-percentile latency (ms).</summary>
    LatencyP90,

    /// <summary>Largest 99th-percentile latency (ms).</summary>
    LatencyP99,

    /// <summary>Smallest speedup of the final model over the input model, both timed in the same run (a ratio of a latency percentile).</summary>
    Speedup,

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

    /// <summary>Gets the latency percentile a <see cref="BudgetKind.Speedup"/> budget compares (<c>p50</c> unless the recipe says <c>percentile:</c>).</summary>
    public string Percentile { get; init; } = "p50";

    /// <summary>Gets whether a timing budget that stays inconclusive within the measuring time fails the build (<c>strict: true</c>) instead of warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Gets the location of the budget's value in the recipe.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Gets whether a larger measured value is worse (false for floors and speedups).</summary>
    public bool IsUpperLimit => Kind is not (BudgetKind.AccuracyFloor or BudgetKind.Speedup);

    /// <summary>Gets whether the budget judges a quality metric (accuracy, error, fidelity …).</summary>
    public bool IsMetric => Kind is BudgetKind.AccuracyDropAbsolute or BudgetKind.AccuracyDropRelative or BudgetKind.AccuracyFloor or BudgetKind.AccuracyCeiling;

    /// <summary>Gets whether the budget judges measured time (an absolute percentile or a speedup), which is noisy.</summary>
    public bool IsTiming => Kind is BudgetKind.LatencyP50 or BudgetKind.LatencyP90 or BudgetKind.LatencyP99 or BudgetKind.Speedup;

    /// <summary>Gets the latency percentile the budget compares (<c>p50</c>, <c>p90</c> or <c>p99</c>), or empty for non-timing budgets.</summary>
    public string TimedPercentile => Kind switch
    {
        BudgetKind.LatencyP50 => "p50",
        BudgetKind.LatencyP90 => "p90",
        BudgetKind.LatencyP99 => "p99",
        BudgetKind.Speedup => Percentile,
        _ => string.Empty,
    };
}
