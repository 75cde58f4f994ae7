// Diagnostic codes of the prune pass (EDGE22xx). Documented in docs/diagnostics.md.
namespace EdgeSdk.Passes.Pruning;

/// <summary>Codes the prune pass reports.</summary>
internal static class PruneDiagnosticCodes
{
    /// <summary>The pattern parameter is neither channel, unstructured nor N:M.</summary>
    public const string InvalidPattern = "EDGE2201";

    /// <summary>Activation importance was asked for without calibration data.</summary>
    public const string MissingCalibrationData = "EDGE2202";

    /// <summary>No layer could be pruned (everything frozen or skipped).</summary>
    public const string NothingToPrune = "EDGE2203";

    /// <summary>A parameter combination is not valid for the chosen pattern.</summary>
    public const string InvalidParameterCombination = "EDGE2204";

    /// <summary>Running the model to measure activations failed.</summary>
    public const string ActivationMeasurementFailed = "EDGE2205";

    /// <summary>Warning: unstructured/N:M sparsity makes ONNX Runtime's CPU kernels no faster.</summary>
    public const string SparsityGivesNoSpeed = "EDGE2206";

    /// <summary>Warning: some layers could not be pruned (listed with the reason).</summary>
    public const string LayersLeftAlone = "EDGE2207";
}
