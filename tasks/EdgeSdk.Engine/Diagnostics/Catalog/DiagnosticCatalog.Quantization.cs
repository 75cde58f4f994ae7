// The Quantization section of the diagnostics catalogue (Quantization). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Quantization area.</summary>
    [Description("Quantization")]
    internal static class Quantization
    {
        /// <summary>EDGE2101 Calibration data missing.</summary>
        public static readonly DiagnosticDescriptor CalibrationDataMissing = new("EDGE2101", DiagnosticSeverity.Error, "Calibration data missing",
            "Static quantization needs a calibration data set and the recipe has none.");

        /// <summary>EDGE2102 Opset too old.</summary>
        public static readonly DiagnosticDescriptor OpsetTooOld = new("EDGE2102", DiagnosticSeverity.Error, "Opset too old",
            "The model imports an ai.onnx opset below 13 (the first with per-axis QuantizeLinear/DequantizeLinear) and the automatic upgrade to 13 cannot convert it: the message names the node, its operator and the opset (opsets below 7 are not upgraded). Replace that operator or re-export the model with opset 13+.");

        /// <summary>EDGE2103 Unknown exclusion.</summary>
        public static readonly DiagnosticDescriptor UnknownExclusion = new("EDGE2103", DiagnosticSeverity.Error, "Unknown exclusion",
            "An option names a node or operator type the model does not have.");

        /// <summary>EDGE2104 Invalid option.</summary>
        public static readonly DiagnosticDescriptor InvalidOption = new("EDGE2104", DiagnosticSeverity.Error, "Invalid option",
            "An option value is inconsistent (e.g. block size not a power of two).");

        /// <summary>EDGE2105 Nothing to quantize.</summary>
        public static readonly DiagnosticDescriptor NothingToQuantize = new("EDGE2105", DiagnosticSeverity.Error, "Nothing to quantize",
            "Nothing in the model could be quantized with the given options.");

        /// <summary>EDGE2106 Calibration failed.</summary>
        public static readonly DiagnosticDescriptor CalibrationFailed = new("EDGE2106", DiagnosticSeverity.Error, "Calibration failed",
            "A calibration tensor never received a finite value.");

        /// <summary>EDGE2107 Accuracy budget missed.</summary>
        public static readonly DiagnosticDescriptor AccuracyBudgetMissed = new("EDGE2107", DiagnosticSeverity.Error, "Accuracy budget missed",
            "The accuracy budget was missed and no float fallback set met it.");

        /// <summary>EDGE2108 Evaluation data missing.</summary>
        public static readonly DiagnosticDescriptor EvaluationDataMissing = new("EDGE2108", DiagnosticSeverity.Error, "Evaluation data missing",
            "The accuracy-aware fallback of quantize measures the metrics the budgets name on data.evaluation. Every metric needs its inputs; only metrics that compare with labels (accuracy and the other task metrics) need labels. Fidelity metrics (Top1Agreement, MeanAbsoluteDifference, MaxAbsoluteDifference, Sqnr) compare each stage with the pipeline's input model and need no labels. Add what the message names, budget a fidelity metric, or set fallback: false.");

        /// <summary>EDGE2109 Option skipped.</summary>
        public static readonly DiagnosticDescriptor OptionSkipped = new("EDGE2109", DiagnosticSeverity.Info, "Option skipped",
            "A quantization option was skipped for a layer (informational warning).");

        /// <summary>EDGE2110 Target defaults applied.</summary>
        public static readonly DiagnosticDescriptor TargetDefaultsApplied = new("EDGE2110", DiagnosticSeverity.Info, "Target defaults applied",
            "The target's defaults were applied (informational).");

        /// <summary>EDGE2111 Host latency decision.</summary>
        public static readonly DiagnosticDescriptor HostLatencyDecision = new("EDGE2111", DiagnosticSeverity.Info, "Host latency decision",
            "The int8-or-float decisions were timed on the build host, whose int8 kernel class differs from the target's (informational).");

        /// <summary>EDGE2112 Opset upgraded.</summary>
        public static readonly DiagnosticDescriptor OpsetUpgraded = new("EDGE2112", DiagnosticSeverity.Info, "Opset upgraded",
            "The model imported an ai.onnx opset below 13; quantize upgraded it to opset 13 (for per-channel QDQ) and compared the outputs of both models in ONNX Runtime (informational; also in the report).");

        /// <summary>EDGE2113 Opset upgrade changed outputs.</summary>
        public static readonly DiagnosticDescriptor OpsetUpgradeChangedOutputs = new("EDGE2113", DiagnosticSeverity.Error, "Opset upgrade changed outputs",
            "The model upgraded to opset 13 computes different outputs from the original in ONNX Runtime (or fails where the original runs). Re-export the model with opset 13+ and report the model to EdgeSdk.");

        /// <summary>EDGE2114 Opset upgrade not verified.</summary>
        public static readonly DiagnosticDescriptor OpsetUpgradeNotVerified = new("EDGE2114", DiagnosticSeverity.Warning, "Opset upgrade not verified",
            "The original model did not run on the test inputs the upgrade check made, so the upgraded model's outputs could not be compared with it. Give the recipe a calibration or evaluation data set.");

        /// <summary>EDGE2120 Eight-bit weights may saturate.</summary>
        public static readonly DiagnosticDescriptor WeightSaturationRisk = new("EDGE2120", DiagnosticSeverity.Warning, "Eight-bit weights may saturate",
            "The recipe quantizes weights to 8 bits for a target or on a host whose x86 int8 kernels lack VNNI: pairs of uint8 x int8 products are added in saturating int16, so outputs can be wrong. Use reduce_range: true (7-bit weights).");
    }
}
