// The qat pass on digits32_mobilenet: the exported QDQ model runs in ONNX Runtime with integer kernels
// (QLinearConv after ORT's QDQ fusion), and its test accuracy is at least static PTQ's (fuse + quantize
// with the same placement and calibration) and within 0.3 points of the float model's 0.99.
using EdgeSdk.Targets;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Fusion;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Passes.Training;
using EdgeSdk.Recipes;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using Xunit.Abstractions;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class QatPassTests(ITestOutputHelper output)
{
    [Fact]
    public void Qat_mobilenet_matches_or_beats_static_ptq_and_stays_within_0_3_points_of_float()
    {
        var floatModel = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var ptq = StaticPtq(floatModel.Clone());
        var qat = PassHarness.Run(new QatPass(), floatModel.Clone(), floatModel, new() { ["epochs"] = 2L }, data: "digits32");

        var ptqAccuracy = OrtAccuracy(ptq, out _);
        var qatAccuracy = OrtAccuracy(qat.Model, out var optimizedOps);
        output.WriteLine($"float 0.99, static PTQ {ptqAccuracy:P2}, QAT {qatAccuracy:P2}; {string.Join("; ", qat.Summary)}");

        qat.Model.Graph.Node.Should().Contain(n => n.OpType == "QuantizeLinear").And.Contain(n => n.OpType == "DequantizeLinear");
        qat.Model.Graph.Initializer.Should().Contain(t => t.DataType == (int)TensorElementType.Int8, "weights are stored as int8");
        optimizedOps.Should().Contain("QLinearConv", "ONNX Runtime runs the exported model with integer kernels");
        qatAccuracy.Should().BeGreaterThanOrEqualTo(ptqAccuracy);
        qatAccuracy.Should().BeGreaterThanOrEqualTo(0.99 - 0.003);
    }

    private static ModelGraph StaticPtq(ModelGraph model)
    {
        var fuse = new FusePass();
        var fused = fuse.Run(Context(fuse, model)).Model;
        var quantize = new QuantizePass();
        return quantize.Run(Context(quantize, fused, new() { ["fallback"] = false, ["sqnr_samples"] = 0L })).Model;
    }

    private static PassContext Context(IPass pass, ModelGraph model, Dictionary<string, object?>? parameters = null) =>
        PassHarness.Context(model, model.Clone(), PassHarness.Bind(pass, parameters, TestPaths.Fixtures), PassHarness.Fixture("digits32"), recipeDirectory: TestPaths.Fixtures);

    private static double OrtAccuracy(ModelGraph model, out HashSet<string> optimizedOps)
    {
        var dir = TestPaths.NewTempDir("qat-ort");
        var optimized = Path.Combine(dir, "optimized.onnx");
        using var session = InferenceSession.FromModel(model.Model, new SessionOptions { OptimizedModelFilePath = optimized });
        var set = PassHarness.Set("digits32", "test");
        var labels = set.Labels!.AsInt64();
        var correct = 0;
        foreach (var batch in set.Batches(100))
        {
            var logits = session.Run(new Dictionary<string, Tensor> { ["input"] = batch.Inputs["input"] })["logits"].AsFloat();
            for (var i = 0; i < batch.Count; i++)
            {
                var row = logits.AsSpan(i * 10, 10);
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row) == labels[batch.Start + i])
                {
                    correct++;
                }
            }
        }

        optimizedOps = ModelGraph.Load(optimized).Graph.Node.Select(n => n.OpType).ToHashSet();
        return (double)correct / set.Count;
    }
}
