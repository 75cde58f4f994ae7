// A decision step of the quantize pass: after the mode's strategy has built the quantized model, each
// step may return more layers to float (the accuracy-aware fallback does; a per-layer int8-vs-float
// timing or a target-specific check is another such step). Steps run in order, each seeing the layers the
// previous ones kept float; they may add summary lines, figures, tables and warnings to the result.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>What a decision step sees.</summary>
/// <param name="Pass">The pass's context (data sets, goals, target, threads, progress, diagnostics).</param>
/// <param name="Options">The quantize options, target defaults applied.</param>
/// <param name="Strategy">The mode's strategy (builds variants, names the candidate layers).</param>
/// <param name="Model">The quantized model with <paramref name="FloatLayers"/> kept float.</param>
/// <param name="FloatLayers">Layers earlier steps returned to float.</param>
/// <param name="Result">The pass result being assembled (summary, figures, tables, warnings).</param>
internal sealed record QuantizationDecisionContext(PassContext Pass, QuantizationOptions Options, IQuantizationStrategy Strategy, ModelGraph Model, IReadOnlyCollection<string> FloatLayers, PassResult Result);

/// <summary>A step that may return layers to float.</summary>
internal interface IQuantizationDecision
{
    /// <summary>Returns the layers (node names among <see cref="IQuantizationStrategy.Candidates"/>) to return to float, beside those already float; empty to keep the model as it is.</summary>
    IReadOnlyList<string> Decide(QuantizationDecisionContext context);
}
