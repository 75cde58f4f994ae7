// The Budgets, evaluation and reports section of the diagnostics catalogue (Evaluation). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Budgets, evaluation and reports area.</summary>
    [Description("Budgets, evaluation and reports")]
    internal static class Evaluation
    {
        /// <summary>EDGE5001 Budget missed.</summary>
        public static readonly DiagnosticDescriptor BudgetMissed = new("EDGE5001", DiagnosticSeverity.Error, "Budget missed",
            "A missed error budget.");

        /// <summary>EDGE5002 Warning budget missed.</summary>
        public static readonly DiagnosticDescriptor BudgetMissedWarning = new("EDGE5002", DiagnosticSeverity.Warning, "Warning budget missed",
            "A missed warning-only budget.");

        /// <summary>EDGE5003 Metric not measured.</summary>
        public static readonly DiagnosticDescriptor MetricNotMeasured = new("EDGE5003", DiagnosticSeverity.Error, "Metric not measured",
            "A budget whose metric was not measured.");

        /// <summary>EDGE5004 Does not fit target.</summary>
        public static readonly DiagnosticDescriptor DoesNotFitTarget = new("EDGE5004", DiagnosticSeverity.Error, "Does not fit target",
            "The final model does not fit the target's RAM or storage.");

        /// <summary>EDGE5005 Timing budget inconclusive.</summary>
        public static readonly DiagnosticDescriptor TimingInconclusive = new("EDGE5005", DiagnosticSeverity.Warning, "Timing budget inconclusive",
            "A latency or speedup budget's confidence interval still straddles its limit after the bounded measuring time (`evaluate.latency.max_duration`), so any verdict would be chance. A warning; an error when the budget says `strict: true`. Move the limit away from the measured value, time on a quieter machine, allow more measuring time, or use a relative `speedup` budget.");

        /// <summary>EDGE5006 Stage slower than its input.</summary>
        public static readonly DiagnosticDescriptor StageSlower = new("EDGE5006", DiagnosticSeverity.Warning, "Stage slower than its input",
            "A pass made the model slower on this host beyond the measurement's noise (the 95% interval of the latency ratio lies above 1). The message names the pass, the factor and the host's CPU and ISA: whether a pass pays off (int8 kernels especially) depends on the CPU, so check on the target or drop the pass.");

        /// <summary>EDGE5007 Metric undefined.</summary>
        public static readonly DiagnosticDescriptor MetricUndefined = new("EDGE5007", DiagnosticSeverity.Error, "Metric undefined",
            "A metric budget cannot be judged because the metric is NaN (undefined) for the final model, or for the input model when the budget bounds a drop: for example NaN outputs, or an area under a curve on a set with one class. An undefined metric never meets a budget: the build fails (a warning for a budget with `warning: true`) and the report marks the budget inconclusive. Infinite values are not undefined: a binary LogLoss of ∞ (a probability of exactly 0 for the true class) is judged in the metric's direction. Check the model's outputs and the evaluation set, or budget a metric that is defined on it.");

        /// <summary>EDGE5010 Manifest unreadable.</summary>
        public static readonly DiagnosticDescriptor ManifestUnreadable = new("EDGE5010", DiagnosticSeverity.Error, "Manifest unreadable",
            "A file given as a manifest is not one (for example to `edgesdk diff`).");

        /// <summary>EDGE5101 Unknown metric.</summary>
        public static readonly DiagnosticDescriptor UnknownMetric = new("EDGE5101", DiagnosticSeverity.Error, "Unknown metric",
            "A requested metric is not known for the evaluation task.");

        /// <summary>EDGE5102 Output does not fit task.</summary>
        public static readonly DiagnosticDescriptor OutputDoesNotFitTask = new("EDGE5102", DiagnosticSeverity.Error, "Output does not fit task",
            "The model's output does not fit the evaluation task (e.g. one column for multiclass).");

        /// <summary>EDGE5103 Labels do not fit task.</summary>
        public static readonly DiagnosticDescriptor LabelsDoNotFitTask = new("EDGE5103", DiagnosticSeverity.Error, "Labels do not fit task",
            "Labels do not fit the task (out of range class index, wrong count).");

        /// <summary>EDGE5104 Labels missing.</summary>
        public static readonly DiagnosticDescriptor LabelsMissing = new("EDGE5104", DiagnosticSeverity.Error, "Labels missing",
            "A metric needs labels but the evaluation data has none.");

        /// <summary>EDGE5105 Invalid setting.</summary>
        public static readonly DiagnosticDescriptor InvalidSetting = new("EDGE5105", DiagnosticSeverity.Error, "Invalid setting",
            "An evaluation setting is out of range (runs, batch, threads, duration).");

        /// <summary>EDGE5106 Fidelity shape mismatch.</summary>
        public static readonly DiagnosticDescriptor FidelityShapeMismatch = new("EDGE5106", DiagnosticSeverity.Error, "Fidelity shape mismatch",
            "The reference model's output cannot be compared with the evaluated model's (fidelity).");

        /// <summary>EDGE5107 Data does not fit model.</summary>
        public static readonly DiagnosticDescriptor DataDoesNotFitModel = new("EDGE5107", DiagnosticSeverity.Error, "Data does not fit model",
            "The evaluation data does not feed the model's inputs.");

        /// <summary>EDGE5202 Invalid threshold.</summary>
        public static readonly DiagnosticDescriptor InvalidThreshold = new("EDGE5202", DiagnosticSeverity.Error, "Invalid threshold",
            "A `--fail-on` threshold is malformed.");

        /// <summary>EDGE5203 Regression beyond threshold.</summary>
        public static readonly DiagnosticDescriptor RegressionBeyondThreshold = new("EDGE5203", DiagnosticSeverity.Error, "Regression beyond threshold",
            "A figure regressed beyond its `--fail-on` threshold (reported by `edgesdk diff`).");
    }
}
