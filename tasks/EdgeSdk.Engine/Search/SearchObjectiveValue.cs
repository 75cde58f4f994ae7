// Reads a search objective's quantity from a stage's measurement. The objective itself is recipe data
// (Recipes/SearchObjective); reading a measurement with the gate's metric lookup belongs up here, with the
// search that judges trials.
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>Reads objectives from measurements.</summary>
internal static class SearchObjectiveValue
{
    /// <summary>Reads the objective's value from a measurement, or null when it was not measured.</summary>
    public static double? Value(this SearchObjective objective, StageMeasurement stage) => objective.Quantity switch
    {
        ObjectiveQuantity.LatencyP50 => stage.Latency?.P50Ms,
        ObjectiveQuantity.LatencyP90 => stage.Latency?.P90Ms,
        ObjectiveQuantity.Size => stage.Bytes,
        ObjectiveQuantity.PeakMemory => stage.PeakMemoryBytes,
        ObjectiveQuantity.Macs => stage.Macs,
        _ => BudgetGate.MetricValue(stage, objective.MetricName!),
    };
}
