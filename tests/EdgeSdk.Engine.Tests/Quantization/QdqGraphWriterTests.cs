// The QDQ writer: integer weights and int32 biases against hand-computed values, one DequantizeLinear
// per consumer, a model ONNX Runtime loads, runs close to float, and fuses into integer kernels.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QdqGraphWriterTests
{
    [Fact]
    public void BiasIsInt32WithInputScaleTimesWeightScale()
    {
        // One Conv 1x1, 2 output channels: w = [[0.5], [-0.25]], b = [0.1, -0.2]; input range [0, 2.55] → scale 0.01.
        var graph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,1,2,2").Output("y", "N,2,2,2")
            .Floats("w", [2, 1, 1, 1], [0.5f, -0.25f]).Floats("b", [2], [0.1f, -0.2f])
            .Add("Conv", ["x", "w", "b"], ["y"], ("kernel_shape", new long[] { 1, 1 }))
            .ToGraph();
        var plan = QdqPlacementPlanner.Plan(graph, new QdqPlacementOptions());
        var parameters = new Dictionary<string, QuantParams>
        {
            ["x"] = QuantParams.ForActivation(0f, 2.55f, TensorElementType.UInt8, false),
            ["y"] = QuantParams.ForActivation(-1f, 1f, TensorElementType.UInt8, false),
        };
        var write = QdqGraphWriter.Write(graph, plan, parameters, weightBits: 8);

        var weight = TensorProtoConverter.ToTensor(graph.Initializers.Values.Single(t => t.DataType == (int)TensorElementType.Int8 && t.Dims.Count == 4));
        ((sbyte[])weight.Data).Should().Equal(127, -127);
        var bias = TensorProtoConverter.ToTensor(graph.Initializers.Values.Single(t => t.DataType == (int)TensorElementType.Int32 && t.Dims.Count == 1 && t.Name.Contains("_quantized")));
        // scales: 0.01·0.5/127 and 0.01·0.25/127 → 0.1/3.937e-5 = 2540, -0.2/1.9685e-5 = -10160.
        ((int[])bias.Data).Should().Equal(2540, -10160);
        graph.Nodes.Count(n => n.OpType == "QuantizeLinear").Should().Be(2);
        graph.Nodes.Count(n => n.OpType == "DequantizeLinear").Should().Be(4, "x, y (graph output), weight and bias");
        write.DequantizedTensors["y"].Should().Be("y");

        var input = Tensor.FromFloat([0f, 1f, 2f, 2.55f], 1, 1, 2, 2);
        var y = QuantizationTestKit.Run(graph, "x", input);
        y.Should().HaveCount(8);
        y[1].Should().BeApproximately(0.6f, 0.01f);
        y[5].Should().BeApproximately(-0.45f, 0.01f);
        QuantizationTestKit.OptimizedOps(graph).Should().ContainKey("com.microsoft.QLinearConv");
    }

    [Fact]
    public void ResidualGraphBecomesIntegerKernelsAndStaysCloseToFloat()
    {
        var floatGraph = QdqPlacementPlannerTests.ResidualGraph();
        var graph = floatGraph.Clone();
        var plan = QdqPlacementPlanner.Plan(graph, new QdqPlacementOptions());
        var random = new Random(2);
        var input = Tensor.FromFloat(Enumerable.Range(0, 4 * 16).Select(_ => (float)random.NextDouble()).ToArray(), 4, 1, 4, 4);
        var ranges = plan.CalibrationTensors.ToDictionary(t => t, t =>
        {
            var values = QuantizationTestKit.Run(CalibrationCollector.WithOutputs(floatGraph, [t]), "input", input, t == "input" ? null : t);
            var v = t == "input" ? input.AsFloat() : values;
            return QuantParams.ForActivation(v.Min(), v.Max(), TensorElementType.UInt8, false);
        });
        QdqGraphWriter.Write(graph, plan, ranges, HostInt8.SafeWeightBits); // 8-bit weights saturate without VNNI

        graph.Nodes.Should().NotContain(n => n.OpType == "Relu");
        var expected = QuantizationTestKit.Run(floatGraph, "input", input);
        var actual = QuantizationTestKit.Run(graph, "input", input);
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(0.05f);
        var ops = QuantizationTestKit.OptimizedOps(graph);
        ops.Should().ContainKeys("com.microsoft.QLinearConv", "com.microsoft.QLinearAdd", "com.microsoft.QGemm");
        ops.Should().NotContainKey("Relu");
        ops.GetValueOrDefault("DequantizeLinear").Should().Be(0, "every DequantizeLinear folded into an integer kernel");
    }

    [Fact]
    public void ConcatOfTwoConvsRunsAsQLinearConcatAndTransposeSharesParameters()
    {
        var random = new Random(3);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var floatGraph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("input", "N,2,4,4").Output("y")
            .Floats("wa", [3, 2, 1, 1], R(6)).Floats("wb", [3, 2, 1, 1], R(6)).Floats("wc", [2, 6, 1, 1], R(12))
            .Add("Conv", ["input", "wa"], ["a"]).Add("Conv", ["input", "wb"], ["b"])
            .Add("Concat", ["a", "b"], ["ab"], ("axis", 1L))
            .Add("Transpose", ["ab"], ["t"], ("perm", new long[] { 0, 1, 3, 2 }))
            .Add("Conv", ["t", "wc"], ["y"])
            .ToGraph();
        var plan = QdqPlacementPlanner.Plan(floatGraph, new QdqPlacementOptions());
        plan.QuantizedNodes.Should().Equal("Conv_0", "Conv_1", "Concat_2", "Transpose_3", "Conv_4");
        plan.Activations.Single(a => a.Name == "t").SharesWith.Should().Be("ab");

        var graph = floatGraph.Clone();
        var input = Tensor.FromFloat(Enumerable.Range(0, 2 * 32).Select(_ => (float)random.NextDouble()).ToArray(), 2, 2, 4, 4);
        var ranges = plan.CalibrationTensors.ToDictionary(t => t, t =>
        {
            var v = t == "input" ? input.AsFloat() : QuantizationTestKit.Run(CalibrationCollector.WithOutputs(floatGraph, [t]), "input", input, t);
            return QuantParams.ForActivation(v.Min(), v.Max(), TensorElementType.UInt8, false);
        });
        QdqGraphWriter.Write(graph, plan, ranges, 8);
        var expected = QuantizationTestKit.Run(floatGraph, "input", input);
        QuantizationTestKit.Run(graph, "input", input).Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(0.05f);
        var ops = QuantizationTestKit.OptimizedOps(graph);
        ops.Should().ContainKey("com.microsoft.QLinearConcat");
        ops.GetValueOrDefault("com.microsoft.QLinearConv").Should().Be(3);
    }
}
