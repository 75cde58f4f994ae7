// The Training, distillation, QAT section of the diagnostics catalogue (Training). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Training, distillation, QAT area.</summary>
    [Description("Training, distillation, QAT")]
    internal static class Training
    {
        /// <summary>EDGE2701 Unsupported operator.</summary>
        public static readonly DiagnosticDescriptor UnsupportedOperator = new("EDGE2701", DiagnosticSeverity.Error, "Unsupported operator",
            "An operator has no gradient (or no training kernel) in the training engine.");

        /// <summary>EDGE2702 Unsupported configuration.</summary>
        public static readonly DiagnosticDescriptor UnsupportedConfiguration = new("EDGE2702", DiagnosticSeverity.Error, "Unsupported configuration",
            "An operator's inputs or attributes are outside what the training kernels support (shapes, layouts).");

        /// <summary>EDGE2703 Dynamic shape.</summary>
        public static readonly DiagnosticDescriptor DynamicShape = new("EDGE2703", DiagnosticSeverity.Error, "Dynamic shape",
            "A shape-computing input (Reshape target, Split sizes …) could not be evaluated to a constant.");

        /// <summary>EDGE2704 Bad training data.</summary>
        public static readonly DiagnosticDescriptor BadTrainingData = new("EDGE2704", DiagnosticSeverity.Error, "Bad training data",
            "The training data is missing, unlabeled where labels are needed, or does not match the model.");

        /// <summary>EDGE2705 Bad teacher or student.</summary>
        public static readonly DiagnosticDescriptor BadTeacherOrStudent = new("EDGE2705", DiagnosticSeverity.Error, "Bad teacher or student",
            "The teacher or student model cannot be used (missing file, incompatible outputs).");

        /// <summary>EDGE2706 Checkpoint mismatch.</summary>
        public static readonly DiagnosticDescriptor CheckpointMismatch = new("EDGE2706", DiagnosticSeverity.Error, "Checkpoint mismatch",
            "A checkpoint exists but belongs to a different run (model, data or parameters changed) or is corrupt.");

        /// <summary>EDGE2707 Diverged.</summary>
        public static readonly DiagnosticDescriptor Diverged = new("EDGE2707", DiagnosticSeverity.Error, "Diverged",
            "The loss became NaN or infinite: training diverged.");

        /// <summary>EDGE2708 Bad parameter.</summary>
        public static readonly DiagnosticDescriptor BadParameter = new("EDGE2708", DiagnosticSeverity.Error, "Bad parameter",
            "A pass parameter names something the model does not have (e.g. a frozen parameter).");
    }
}
