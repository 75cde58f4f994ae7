// The weight-only mode: MatMul/Gemm weights as 4-bit blocks in com.microsoft.MatMulNBits.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Weight-only 4-bit: MatMulNBits blocks.</summary>
internal sealed class WeightOnlyStrategy(ModelGraph source, QuantizationOptions options) : MatMulLayerStrategy(source, options)
{
    /// <inheritdoc/>
    public override QuantizationMode Mode => QuantizationMode.WeightOnly;

    /// <inheritdoc/>
    protected override void Rewrite(ModelGraph graph, QuantizationOptions options) => MatMulNBitsQuantizer.Apply(graph, options);

    /// <inheritdoc/>
    protected override string Summary(IReadOnlyDictionary<string, int> counts) =>
        $"weight-only 4-bit: {counts.GetValueOrDefault("com.microsoft.MatMulNBits")} MatMul/Gemm layer(s) as MatMulNBits (block size {Options.BlockSize}, {(Options.WeightOnlySymmetric ? "symmetric" : "with zero points")})";
}
