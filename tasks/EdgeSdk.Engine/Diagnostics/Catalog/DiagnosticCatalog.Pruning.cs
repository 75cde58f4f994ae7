// The Pruning section of the diagnostics catalogue (Pruning). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Pruning area.</summary>
    [Description("Pruning")]
    internal static class Pruning
    {
        /// <summary>EDGE2201 Invalid pattern.</summary>
        public static readonly DiagnosticDescriptor InvalidPattern = new("EDGE2201", DiagnosticSeverity.Error, "Invalid pattern",
            "The pattern parameter is neither channel, unstructured nor N:M.");

        /// <summary>EDGE2202 Missing calibration data.</summary>
        public static readonly DiagnosticDescriptor MissingCalibrationData = new("EDGE2202", DiagnosticSeverity.Error, "Missing calibration data",
            "Activation importance was asked for without calibration data.");

        /// <summary>EDGE2203 Nothing to prune.</summary>
        public static readonly DiagnosticDescriptor NothingToPrune = new("EDGE2203", DiagnosticSeverity.Warning, "Nothing to prune",
            "No layer could be pruned (everything frozen or skipped).");

        /// <summary>EDGE2204 Invalid parameter combination.</summary>
        public static readonly DiagnosticDescriptor InvalidParameterCombination = new("EDGE2204", DiagnosticSeverity.Error, "Invalid parameter combination",
            "A parameter combination is not valid for the chosen pattern.");

        /// <summary>EDGE2205 Activation measurement failed.</summary>
        public static readonly DiagnosticDescriptor ActivationMeasurementFailed = new("EDGE2205", DiagnosticSeverity.Error, "Activation measurement failed",
            "Running the model to measure activations failed.");

        /// <summary>EDGE2206 Sparsity gives no speed.</summary>
        public static readonly DiagnosticDescriptor SparsityGivesNoSpeed = new("EDGE2206", DiagnosticSeverity.Warning, "Sparsity gives no speed",
            "Warning: unstructured/N:M sparsity makes ONNX Runtime's CPU kernels no faster.");

        /// <summary>EDGE2207 Layers left alone.</summary>
        public static readonly DiagnosticDescriptor LayersLeftAlone = new("EDGE2207", DiagnosticSeverity.Warning, "Layers left alone",
            "Warning: some layers could not be pruned (listed with the reason).");
    }
}
