// One quantization mode as a strategy (static QDQ, dynamic, weight-only), the way ONNX Runtime's
// quantization tool has one quantizer per format: it builds the quantized model with a given set of layers
// kept float (so decision steps such as the accuracy fallback can try variants), names the layers such a
// step may return to float, and describes its result in the pass report.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>A quantization mode.</summary>
internal interface IQuantizationStrategy
{
    /// <summary>Gets the mode.</summary>
    QuantizationMode Mode { get; }

    /// <summary>Gets the layers (node names, topological order) a decision step may return to float.</summary>
    IReadOnlyList<string> Candidates { get; }

    /// <summary>Returns the quantized model with <paramref name="floatLayers"/> kept float (a fresh model each call; the input is not modified).</summary>
    ModelGraph Build(IReadOnlyCollection<string> floatLayers);

    /// <summary>Adds the mode's summary lines, figures, tables and warnings for the final <paramref name="model"/> to <paramref name="result"/>; <paramref name="floatLayers"/> maps each layer a decision step returned to float to that step's name.</summary>
    void Describe(PassResult result, ModelGraph model, IReadOnlyDictionary<string, string> floatLayers);
}
