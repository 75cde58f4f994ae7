// The metric vocabulary of `evaluate.metrics` and accuracy budgets: ML.NET's names per task, plus
// `accuracy` (MicroAccuracy for multiclass, Accuracy for binary) and fidelity metrics for any task.
// Directions and units are defined once, in MetricDefinition.
using EdgeSdk.Recipes;
using EdgeSdk.Evaluation;

namespace EdgeSdk.Evaluation;

/// <summary>Known metric names and their properties.</summary>
internal static class MetricNames
{
    /// <summary>Metrics valid for any task (fidelity to the input model; work on unlabeled data).</summary>
    public static readonly IReadOnlyList<string> Fidelity = ["Top1Agreement", "MeanAbsoluteDifference", "MaxAbsoluteDifference", "Sqnr"];

    /// <summary>Multiclass metrics.</summary>
    public static readonly IReadOnlyList<string> Multiclass = ["accuracy", "MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy"];

    /// <summary>Binary metrics.</summary>
    public static readonly IReadOnlyList<string> Binary = ["accuracy", "AreaUnderRocCurve", "AreaUnderPrecisionRecallCurve", "F1Score", "PositivePrecision", "PositiveRecall", "NegativePrecision", "NegativeRecall", "LogLoss"];

    /// <summary>Regression metrics.</summary>
    public static readonly IReadOnlyList<string> Regression = ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "RSquared"];

    /// <summary>Returns the metrics a task accepts (its own plus fidelity).</summary>
    public static IReadOnlyList<string> For(EvaluationTask task) => task switch
    {
        EvaluationTask.Multiclass => [.. Multiclass, .. Fidelity],
        EvaluationTask.Binary => [.. Binary, .. Fidelity],
        _ => [.. Regression, .. Fidelity],
    };

    /// <summary>Returns the metric a task uses when the recipe names none.</summary>
    public static string DefaultFor(EvaluationTask task) => task == EvaluationTask.Regression ? "MeanAbsoluteError" : "accuracy";

    /// <summary>Returns whether smaller values of the metric are better (errors, losses, differences).</summary>
    public static bool IsLowerBetter(string metric) => MetricDefinition.Of(metric).Direction == MetricDirection.LowerIsBetter;

    /// <summary>Returns whether the metric is a fraction in [0, 1] (written in recipes as % or points).</summary>
    public static bool IsFraction(string metric) => MetricDefinition.Of(metric).IsFraction;

    /// <summary>Returns whether the metric needs labels (fidelity metrics do not).</summary>
    public static bool NeedsLabels(string metric) => MetricDefinition.Of(metric).NeedsLabels;
}
