// What the search optimizes once budgets have filtered the trials: the lowest p50/p90 latency, file size,
// peak memory or MACs, or the highest (or lowest) value of a measured metric.
namespace EdgeSdk.Recipes;

/// <summary>The measured quantity an objective reads.</summary>
internal enum ObjectiveQuantity
{
    /// <summary>Median latency.</summary>
    LatencyP50,
    /// <summary>90th percentile latency.</summary>
    LatencyP90,
    /// <summary>Model file size.</summary>
    Size,
    /// <summary>Peak memory.</summary>
    PeakMemory,
    /// <summary>MACs per sample.</summary>
    Macs,
    /// <summary>A named metric (accuracy, f1 …).</summary>
    Metric,
}

/// <summary>An objective: a quantity and a direction.</summary>
/// <param name="Quantity">What is read.</param>
/// <param name="Maximize">True to prefer larger values.</param>
/// <param name="MetricName">The metric for <see cref="ObjectiveQuantity.Metric"/>.</param>
internal sealed record SearchObjective(ObjectiveQuantity Quantity, bool Maximize, string? MetricName = null)
{
    /// <summary>Gets the default objective: minimize p50 latency.</summary>
    public static SearchObjective Default { get; } = new(ObjectiveQuantity.LatencyP50, false);

    /// <summary>The quantity names a recipe may write after <c>minimize:</c> (a metric name is also accepted, with either direction).</summary>
    public static readonly IReadOnlyList<string> QuantityNames = ["latency_p50", "latency_p90", "size", "peak_memory", "macs"];

    /// <summary>Parses a quantity name or metric name.</summary>
    public static SearchObjective Parse(string name, bool maximize) => name switch
    {
        "latency_p50" or "latency" => new(ObjectiveQuantity.LatencyP50, maximize),
        "latency_p90" => new(ObjectiveQuantity.LatencyP90, maximize),
        "size" => new(ObjectiveQuantity.Size, maximize),
        "peak_memory" or "memory" => new(ObjectiveQuantity.PeakMemory, maximize),
        "macs" => new(ObjectiveQuantity.Macs, maximize),
        _ => new(ObjectiveQuantity.Metric, maximize, name),
    };

    /// <summary>Gets the objective as a recipe writes it (<c>minimize latency_p50</c>).</summary>
    public string Text => (Maximize ? "maximize " : "minimize ") + Quantity switch
    {
        ObjectiveQuantity.LatencyP50 => "latency_p50",
        ObjectiveQuantity.LatencyP90 => "latency_p90",
        ObjectiveQuantity.Size => "size",
        ObjectiveQuantity.PeakMemory => "peak_memory",
        ObjectiveQuantity.Macs => "macs",
        _ => MetricName,
    };

    /// <summary>Returns a loss (smaller is better) for a value.</summary>
    public double Loss(double value) => Maximize ? -value : value;
}
