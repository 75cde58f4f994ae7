// The dynamic mode: MatMul/Gemm weights int8 (per column or per tensor), activations quantized at run
// time by DynamicQuantizeLinear, in the pattern ONNX Runtime fuses into DynamicQuantizeMatMul.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Dynamic int8: int8 weights, activations quantized at run time (DynamicQuantizeLinear + MatMulInteger).</summary>
internal sealed class DynamicStrategy(ModelGraph source, QuantizationOptions options) : MatMulLayerStrategy(source, options)
{
    /// <inheritdoc/>
    public override QuantizationMode Mode => QuantizationMode.Dynamic;

    /// <inheritdoc/>
    protected override void Rewrite(ModelGraph graph, QuantizationOptions options) => DynamicQuantizer.Apply(graph, options);

    /// <inheritdoc/>
    protected override string Summary(IReadOnlyDictionary<string, int> counts) =>
        $"dynamic int8: {counts.GetValueOrDefault("MatMulInteger")} MatMul/Gemm layer(s) with int8 weights ({Options.WeightBits}-bit, {(Options.PerChannel ? "per column" : "per tensor")}), activations quantized at run time";
}
