// Cross-layer equalization, bias correction and GPTQ rounding against hand-computed or exactly
// derivable results.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Quantization;

public class AccuracyRecoveryTests
{
    [Fact]
    public void EqualizationKeepsTheFunctionAndEqualizesChannelRanges()
    {
        var random = new Random(6);
        var w1 = Enumerable.Range(0, 4 * 2 * 9).Select(i => (float)(random.NextDouble() - 0.5) * (i < 18 ? 20f : 0.1f)).ToArray(); // channel 0 and 1 (18 each) large/small
        var w2 = Enumerable.Range(0, 3 * 4 * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var graph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,2,5,5").Output("y")
            .Floats("w1", [4, 2, 3, 3], w1).Floats("b1", [4], [0.1f, -0.2f, 0.3f, 0.05f])
            .Floats("w2", [3, 4, 3, 3], w2)
            .Add("Conv", ["x", "w1", "b1"], ["c1"], ("pads", new long[] { 1, 1, 1, 1 }))
            .Add("Relu", ["c1"], ["r1"])
            .Add("Conv", ["r1", "w2"], ["y"], ("pads", new long[] { 1, 1, 1, 1 }))
            .ToGraph();
        var input = Tensor.FromFloat(Enumerable.Range(0, 50).Select(_ => (float)random.NextDouble()).ToArray(), 1, 2, 5, 5);
        var before = QuantizationTestKit.Run(graph, "x", input);

        var result = CrossLayerEqualizer.Apply(graph);

        result.Pairs.Should().ContainSingle().Which.Should().Be(("Conv_0", "Conv_2"));
        var after = QuantizationTestKit.Run(graph, "x", input);
        after.Zip(before, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-3f);
        var e1 = TensorProtoConverter.ToFloatArray(graph.GetInitializer("w1")!);
        var e2 = TensorProtoConverter.ToFloatArray(graph.GetInitializer("w2")!);
        for (var c = 0; c < 4; c++)
        {
            var r1 = e1.Skip(c * 18).Take(18).Max(Math.Abs);
            var r2 = Enumerable.Range(0, 3).SelectMany(o => e2.Skip(((o * 4) + c) * 9).Take(9)).Max(Math.Abs);
            r1.Should().BeApproximately(r2, r2 * 1e-3f);
        }
    }

    [Fact]
    public void EqualizationSkipsPairsAcrossClip()
    {
        var graph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,1,4,4").Output("y")
            .Floats("w1", [2, 1, 1, 1], [1f, 2f]).Floats("w2", [1, 2, 1, 1], [1f, 1f]).Floats("lo", [], [0f]).Floats("hi", [], [6f])
            .Add("Conv", ["x", "w1"], ["c1"]).Add("Clip", ["c1", "lo", "hi"], ["r1"]).Add("Conv", ["r1", "w2"], ["y"])
            .ToGraph();
        var result = CrossLayerEqualizer.Apply(graph);
        result.Pairs.Should().BeEmpty();
        result.Skipped.Should().ContainSingle().Which.Should().Contain("Clip");
    }

    [Fact]
    public void BiasCorrectionSubtractsTheWeightErrorTimesTheInputMean()
    {
        // Gemm transB=1, W = [[1, 0.3], [0.5, -0.5]], b = [0, 1]; per-channel scales 1/127 and 0.5/127.
        // Row 0: 0.3·127 = 38.1 → 38 → ΔW01 = 38/127 - 0.3; row 1 is exact. E[x] = [2, 4] → Δb0 = -4·ΔW01.
        var graph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,2").Output("y")
            .Floats("w", [2, 2], [1f, 0.3f, 0.5f, -0.5f]).Floats("b", [2], [0f, 1f])
            .Add("Gemm", ["x", "w", "b"], ["y"], ("transB", 1L))
            .ToGraph();
        var node = graph.Nodes[0];
        var q = PerChannelWeightQuantizer.Quantize([1f, 0.3f, 0.5f, -0.5f], [2, 2], 0, 8);
        BiasCorrector.Correct(graph, node, q, [2.0, 4.0]);
        var corrected = TensorProtoConverter.ToFloatArray(graph.GetInitializer("b")!);
        var delta = (38f * (1f / 127f)) - 0.3f;
        corrected[0].Should().BeApproximately(-4f * delta, 1e-6f);
        corrected[1].Should().BeApproximately(1f, 1e-6f);
    }

    [Fact]
    public void GptqEqualsRoundToNearestWhenInputsAreUncorrelated()
    {
        var random = new Random(8);
        var w = Enumerable.Range(0, 4 * 6).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var identity = new double[36];
        for (var i = 0; i < 6; i++)
        {
            identity[(i * 6) + i] = 1;
        }

        var (values, scales) = GptqRounder.Round(w, 4, 6, identity, 8, perChannel: true, damp: 0.01);
        var rtn = PerChannelWeightQuantizer.Quantize(w, [4, 6], 0, 8);
        values.Should().Equal(rtn.Values);
        scales.Should().Equal(rtn.Scales);
    }

    [Fact]
    public void GptqReducesTheOutputErrorOnCorrelatedInputs()
    {
        // Inputs with strongly correlated features: GPTQ minimizes ‖X(W - Q)ᵀ‖², so its output error must be below RTN's.
        var random = new Random(12);
        const int k = 16, rows = 8, samples = 512;
        var x = new double[samples, k];
        for (var s = 0; s < samples; s++)
        {
            var common = random.NextDouble() * 2 - 1;
            for (var j = 0; j < k; j++)
            {
                x[s, j] = common + (0.1 * (random.NextDouble() - 0.5));
            }
        }

        var h = new double[k * k];
        for (var s = 0; s < samples; s++)
        {
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    h[(i * k) + j] += x[s, i] * x[s, j];
                }
            }
        }

        var w = Enumerable.Range(0, rows * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        double OutputError(float[] dq)
        {
            double e = 0;
            for (var s = 0; s < samples; s++)
            {
                for (var r = 0; r < rows; r++)
                {
                    double d = 0;
                    for (var j = 0; j < k; j++)
                    {
                        d += x[s, j] * (w[(r * k) + j] - dq[(r * k) + j]);
                    }

                    e += d * d;
                }
            }

            return e;
        }

        var rtn = PerChannelWeightQuantizer.Quantize(w, [rows, k], 0, 4);
        var (values, scales) = GptqRounder.Round(w, rows, k, h, 4, perChannel: true, damp: 0.01);
        var gptq = new QuantizedWeight(values, scales, 0, [rows, k]);
        OutputError(gptq.Dequantize()).Should().BeLessThan(OutputError(rtn.Dequantize()) * 0.7);
    }
}
