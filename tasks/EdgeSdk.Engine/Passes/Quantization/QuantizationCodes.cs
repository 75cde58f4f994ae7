// Diagnostic codes of the quantize pass (EDGE21xx). Each is documented in docs/diagnostics.md by the
// lead; the messages say what is wrong, where, and what to do.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Stable diagnostic codes of the <c>quantize</c> pass.</summary>
internal static class QuantizationCodes
{
    /// <summary>Static quantization needs a calibration data set and the recipe has none.</summary>
    public const string CalibrationDataMissing = "EDGE2101";

    /// <summary>The model's opset is too old for per-axis QuantizeLinear/DequantizeLinear.</summary>
    public const string OpsetTooOld = "EDGE2102";

    /// <summary>An option names a node or operator type the model does not have.</summary>
    public const string UnknownExclusion = "EDGE2103";

    /// <summary>An option value is inconsistent (e.g. block size not a power of two).</summary>
    public const string InvalidOption = "EDGE2104";

    /// <summary>Nothing in the model could be quantized with the given options.</summary>
    public const string NothingToQuantize = "EDGE2105";

    /// <summary>A calibration tensor never received a finite value.</summary>
    public const string CalibrationFailed = "EDGE2106";

    /// <summary>The accuracy budget was missed and no float fallback set met it.</summary>
    public const string AccuracyBudgetMissed = "EDGE2107";

    /// <summary>The accuracy-aware fallback needs an evaluation set with labels.</summary>
    public const string EvaluationDataMissing = "EDGE2108";

    /// <summary>A quantization option was skipped for a layer (informational warning).</summary>
    public const string OptionSkipped = "EDGE2109";

    /// <summary>The target's defaults were applied (informational).</summary>
    public const string TargetDefaultsApplied = "EDGE2110";
}
