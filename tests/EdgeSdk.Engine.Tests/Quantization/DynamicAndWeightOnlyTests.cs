// Dynamic int8 and weight-only 4-bit rewrites: ONNX Runtime runs them close to float, fuses the dynamic
// pattern into one integer kernel, and reads the MatMulNBits layout exactly as the quantizer packed it.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Quantization;

public class DynamicAndWeightOnlyTests
{
    private static ModelGraph TwoLayerGraph(int k = 32, int hidden = 16, int n = 4)
    {
        var random = new Random(9);
        float[] R(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", $"N,{k}").Output("y", $"N,{n}")
            .Floats("w1", [k, hidden], R(k * hidden)).Floats("b1", [hidden], R(hidden))
            .Floats("w2", [n, hidden], R(n * hidden)).Floats("b2", [n], R(n))
            .Add("MatMul", ["x", "w1"], ["h"])
            .Add("Add", ["b1", "h"], ["hb"])
            .Add("Gemm", ["hb", "w2", "b2"], ["y"], ("transB", 1L))
            .ToGraph();
    }

    private static Tensor Input(int rows = 8, int k = 32)
    {
        var random = new Random(4);
        return Tensor.FromFloat(Enumerable.Range(0, rows * k).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), rows, k);
    }

    [Fact]
    public void DynamicQuantizationFusesIntoIntegerMatMulsAndStaysClose()
    {
        var graph = TwoLayerGraph();
        var expected = QuantizationTestKit.Run(graph, "x", Input());
        var quantized = graph.Clone();
        DynamicQuantizer.Apply(quantized, new QuantizationOptions { WeightBits = HostInt8.SafeWeightBits }).Should().Equal("MatMul_0", "Gemm_2"); // 8-bit weights saturate without VNNI

        quantized.Nodes.Count(n => n.OpType == "MatMulInteger").Should().Be(2);
        quantized.Nodes.Single(n => n.OpType == "Add" && n.Input.Contains("b1")).Input[1].Should().Be("b1", "the bias Add reads the bias second so ORT folds it");
        var actual = QuantizationTestKit.Run(quantized, "x", Input());
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(0.05f * expected.Max(Math.Abs));
        var ops = QuantizationTestKit.OptimizedOps(quantized);
        ops.GetValueOrDefault("com.microsoft.DynamicQuantizeMatMul").Should().Be(2);
        ops.Should().NotContainKey("MatMulInteger");
    }

    [Fact]
    public void FourBitBlocksPackTwoCodesPerByteLowNibbleFirst()
    {
        // One column, K = 16, block 16, symmetric: scale = 7/7 = 1, zero point 8 → code = value + 8.
        var w = Enumerable.Range(0, 16).Select(i => (float)((i % 15) - 7)).ToArray();
        var q = MatMulNBitsQuantizer.Quantize(w, 16, 1, 16, symmetric: true);
        q.Scales.Should().Equal(1f);
        q.ZeroPoints.Should().BeNull();
        q.Packed[0].Should().Be(0x21, "w[0] = -7 → code 1 in the low nibble, w[1] = -6 → code 2 in the high nibble");
        q.Packed[7].Should().Be(0x1F, "w[14] = 7 → code 15 (low), w[15] = -7 → code 1 (high)");
        q.Dequantize().Should().Equal(w);
    }

    [Fact]
    public void AsymmetricBlocksStoreZeroPointsAndBoundTheError()
    {
        var random = new Random(1);
        var w = Enumerable.Range(0, 64 * 3).Select(_ => (float)(random.NextDouble() * 3 - 1)).ToArray();
        var q = MatMulNBitsQuantizer.Quantize(w, 64, 3, 32, symmetric: false);
        q.ZeroPoints.Should().HaveCount(3, "2 blocks per column packed into one byte");
        var dq = q.Dequantize();
        for (var i = 0; i < w.Length; i++)
        {
            var scale = q.Scales[((i % 3) * 2) + (i / 3 / 32)];
            Math.Abs(dq[i] - w[i]).Should().BeLessThanOrEqualTo(scale / 2 + 1e-6f);
        }
    }

    [Fact]
    public void OrtMultipliesWithExactlyTheDequantizedFourBitWeights()
    {
        var graph = TwoLayerGraph(k: 64);
        var (w1, k, n) = GraphBuilding.MatMulWeight(graph, graph.Nodes[0]);
        var quantized = graph.Clone();
        MatMulNBitsQuantizer.Apply(quantized, new QuantizationOptions { BlockSize = 32, ExcludeNodes = ["Gemm_2"] }).Should().Equal("MatMul_0");
        quantized.Nodes.Should().Contain(x => x.OpType == "MatMulNBits" && x.Domain == "com.microsoft");

        // Reference: x · dequantized(w1), then the float Add and Gemm, computed through a float copy with w1 replaced.
        var reference = graph.Clone();
        var dq = MatMulNBitsQuantizer.Quantize(w1, k, n, 32, symmetric: false).Dequantize();
        reference.SetInitializer(TensorProtoConverter.FromFloat("w1", dq, k, n));
        var input = Input(k: 64);
        var expected = QuantizationTestKit.Run(reference, "x", input);
        var actual = QuantizationTestKit.Run(quantized, "x", input);
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(1e-4f);
    }
}
