// paddle2onnx models keep their weights in Constant nodes. The step runner turns them into initializers
// before every pass, so quantize and prune treat such a model like the PyTorch export it was made from,
// and the report counts its parameters.
using EdgeSdk.Engine.Tests.Hostile;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Wild;

public sealed class ConstantWeightsTests
{
    private static int Int8Initializers(ModelGraph g) => g.Graph.Initializer.Count(t => t.DataType == (int)TensorProto.Types.DataType.Int8);

    [Fact]
    public void StaticQuantizeWithoutFuseQuantizesConstantNodeWeightsLikeInitializers()
    {
        var original = ModelFile.Load(TestPaths.Model("digits_cnn"));
        var reference = PipelineKit.Run(original, "  - quantize: {mode: static}");
        var wild = PipelineKit.Run(WildModels.WithConstantWeights(original), "  - quantize: {mode: static}");

        var expected = ModelGraph.Load(Path.Combine(reference.OutputDirectory, "model.onnx"));
        var final = ModelGraph.Load(Path.Combine(wild.OutputDirectory, "model.onnx"));
        Int8Initializers(expected).Should().BeGreaterThan(3);
        Int8Initializers(final).Should().Be(Int8Initializers(expected), "every Conv/Gemm weight held in a Constant node is stored as int8");
        final.Nodes.Should().NotContain(n => n.OpType == "Constant");

        var manifest = wild.Finish.Manifest;
        manifest.Baseline.Parameters.Should().Be(reference.Finish.Manifest.Baseline.Parameters, "the report counts the weights Constant nodes hold");
        manifest.Baseline.Parameters.Should().BeGreaterThan(90_000);
        manifest.Final.Metrics["accuracy"].Should().BeApproximately(reference.Finish.Manifest.Final.Metrics["accuracy"], 0.01);
    }

    [Fact]
    public void ChannelPruneRemovesChannelsOfConstantNodeWeights()
    {
        var wild = PipelineKit.Run(WildModels.WithConstantWeights(ModelFile.Load(TestPaths.Model("digits_cnn"))), "  - prune: {pattern: channel, sparsity: 0.25}");

        var manifest = wild.Finish.Manifest;
        manifest.Final.Parameters.Should().BeLessThan((long)(manifest.Baseline.Parameters * 0.9));
        var final = ModelGraph.Load(Path.Combine(wild.OutputDirectory, "model.onnx"));
        final.Nodes.Should().NotContain(n => n.OpType == "Constant");
    }
}
