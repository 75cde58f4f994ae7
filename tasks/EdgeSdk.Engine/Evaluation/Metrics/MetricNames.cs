// The metric names an evaluation reports and recipes may ask for, per task, and the direction of each
// (higher or lower is better) so gates and diffs judge changes the right way round.
namespace EdgeSdk.Evaluation;

/// <summary>Names of metrics and their properties.</summary>
internal static class MetricNames
{
    /// <summary>Multiclass metric names.</summary>
    public static readonly IReadOnlyList<string> Multiclass = ["MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy"];

    /// <summary>Binary metric names.</summary>
    public static readonly IReadOnlyList<string> Binary =
        ["Accuracy", "AreaUnderRocCurve", "AreaUnderPrecisionRecallCurve", "F1Score", "PositivePrecision", "PositiveRecall", "NegativePrecision", "NegativeRecall"];

    /// <summary>Regression metric names.</summary>
    public static readonly IReadOnlyList<string> Regression = ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "RSquared"];

    /// <summary>Fidelity metric names (any task, with a reference model).</summary>
    public static readonly IReadOnlyList<string> Fidelity = ["Top1Agreement", "MeanAbsoluteDifference", "MaxAbsoluteDifference", "SqnrDb"];

    /// <summary>The task-neutral alias every classification task reports: <c>accuracy</c>.</summary>
    public const string Accuracy = "accuracy";

    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase)
    {
        "LogLoss", "MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "MeanAbsoluteDifference", "MaxAbsoluteDifference",
    };

    /// <summary>Returns the metric names a task reports (fidelity names included).</summary>
    public static IReadOnlyList<string> For(EvaluationTask task) => task switch
    {
        EvaluationTask.Multiclass => [Accuracy, .. Multiclass, .. Fidelity],
        EvaluationTask.Binary => [Accuracy, .. Binary, .. Fidelity],
        _ => [.. Regression, .. Fidelity],
    };

    /// <summary>Returns whether a larger value of the metric is better.</summary>
    public static bool HigherIsBetter(string metric) => !LowerIsBetter.Contains(metric);

    /// <summary>Returns the canonical spelling of <paramref name="requested"/> for the task, or null when unknown.</summary>
    public static string? Canonical(EvaluationTask task, string requested) =>
        For(task).FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase));
}
