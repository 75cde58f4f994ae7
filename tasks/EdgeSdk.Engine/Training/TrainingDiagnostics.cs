// Diagnostic codes of the training engine and the finetune/distill/qat passes (range EDGE27xx).
namespace EdgeSdk.Training;

/// <summary>Stable diagnostic codes of the training area.</summary>
internal static class TrainingDiagnostics
{
    /// <summary>An operator has no gradient (or no training kernel) in the training engine.</summary>
    public const string UnsupportedOperator = "EDGE2701";

    /// <summary>An operator's inputs or attributes are outside what the training kernels support (shapes, layouts).</summary>
    public const string UnsupportedConfiguration = "EDGE2702";

    /// <summary>A shape-computing input (Reshape target, Split sizes …) could not be evaluated to a constant.</summary>
    public const string DynamicShape = "EDGE2703";

    /// <summary>The training data is missing, unlabeled where labels are needed, or does not match the model.</summary>
    public const string BadTrainingData = "EDGE2704";

    /// <summary>The teacher or student model cannot be used (missing file, incompatible outputs).</summary>
    public const string BadTeacherOrStudent = "EDGE2705";

    /// <summary>A checkpoint exists but belongs to a different run (model, data or parameters changed) or is corrupt.</summary>
    public const string CheckpointMismatch = "EDGE2706";

    /// <summary>The loss became NaN or infinite: training diverged.</summary>
    public const string Diverged = "EDGE2707";

    /// <summary>A pass parameter names something the model does not have (e.g. a frozen parameter).</summary>
    public const string BadParameter = "EDGE2708";
}
