// Diagnostic codes of the evaluation area (EDGE5xxx: budgets and evaluation). Kept beside the code that
// raises them; every code is documented in docs/diagnostics.md.
namespace EdgeSdk.Evaluation;

/// <summary>Stable diagnostic codes raised while evaluating a model.</summary>
internal static class EvaluationCodes
{
    /// <summary>A requested metric is not known for the evaluation task.</summary>
    public const string UnknownMetric = "EDGE5101";

    /// <summary>The model's output does not fit the evaluation task (e.g. one column for multiclass).</summary>
    public const string OutputDoesNotFitTask = "EDGE5102";

    /// <summary>Labels do not fit the task (out of range class index, wrong count).</summary>
    public const string LabelsDoNotFitTask = "EDGE5103";

    /// <summary>A metric needs labels but the evaluation data has none.</summary>
    public const string LabelsMissing = "EDGE5104";

    /// <summary>An evaluation setting is out of range (runs, batch, threads, duration).</summary>
    public const string InvalidSetting = "EDGE5105";

    /// <summary>The reference model's output cannot be compared with the evaluated model's (fidelity).</summary>
    public const string FidelityShapeMismatch = "EDGE5106";

    /// <summary>The evaluation data does not feed the model's inputs.</summary>
    public const string DataDoesNotFitModel = "EDGE5107";

    /// <summary>A <c>--fail-on</c> threshold is malformed.</summary>
    public const string InvalidThreshold = "EDGE5202";

    /// <summary>A figure regressed beyond its <c>--fail-on</c> threshold (reported by <c>edgesdk diff</c>).</summary>
    public const string RegressionBeyondThreshold = "EDGE5203";
}
