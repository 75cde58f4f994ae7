// Models as other exporters write them go through fuse + static per-channel quantize + evaluation like PyTorch
// exports do: a paddle2onnx-style model at opsets 9 and 11 (Constant-node weights, dynamic spatial dimensions,
// upgraded to opset 13 on the way), a tf2onnx-style NHWC model with Transpose chains, a model with two inputs,
// and a model with unnamed nodes through every other pass kind (matching its named twin exactly). Each published model is compared with the
// original in ONNX Runtime (the evaluation's fidelity metrics and a direct run).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Hostile;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Wild;

public sealed class WildModelTests
{
    private const string FuseAndStatic = "  - fuse\n  - quantize: {mode: static, per_channel: true}";

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void PaddleStyleModelWithConstantWeightsAndDynamicSpatialDimsIsUpgradedAndQuantizedPerChannel(long opset)
    {
        var model = WildModels.PaddleLike(opset);
        var diagnostics = new List<EdgeDiagnostic>();
        var result = WildKit.Run(model, new Dictionary<string, Tensor> { ["x"] = WildKit.Random(1, 24, 3, 32, 32) }, new Dictionary<string, Tensor> { ["x"] = WildKit.Random(2, 16, 3, 32, 32) }, FuseAndStatic, diagnostics);

        result.StepsRun.Should().Equal(1, 2);
        var final = WildKit.Final(result);
        final.OpsetVersion.Should().Be(13);
        final.Nodes.Should().NotContain(n => n.OpType == "Constant" || n.OpType == "Upsample" || n.OpType == "BatchNormalization");
        WildKit.PerChannelWeights(final).Should().BeGreaterThanOrEqualTo(3, "every Conv weight is int8 with one scale per output channel");
        var quantize = result.Finish.Manifest.Passes.Single(p => p.Kind == "quantize");
        quantize.Summary.Should().Contain(s => s.Contains($"upgraded the model from opset {opset} to 13", StringComparison.Ordinal) && s.Contains("outputs match the original in ONNX Runtime", StringComparison.Ordinal));
        diagnostics.Should().Contain(d => d.Code == DiagnosticCatalog.Quantization.OpsetUpgraded.Code);

        var manifest = result.Finish.Manifest;
        const long weights = (8 * 27) + 8 + (4 * 8) + (16 * 72) + 16 + (8 * 16) + 80 + 10;
        manifest.Baseline.Parameters.Should().BeInRange(weights, weights + 6, "the Constant nodes' weights are counted (plus Resize scales and Clip bounds)");
        manifest.Final.Metrics["Top1Agreement"].Should().BeGreaterThan(0.8);
        manifest.Final.Metrics["Sqnr"].Should().BeGreaterThan(20);

        // The spatial dimensions stay dynamic: the quantized model runs at another size and still agrees with the original.
        var other = new Dictionary<string, Tensor> { ["x"] = WildKit.Random(3, 2, 3, 48, 40) };
        WildKit.Sqnr(model, final.Model, other).Should().BeGreaterThan(20);
    }

    [Fact]
    public void TfStyleNhwcModelWithTransposeChainsIsQuantizedPerChannel()
    {
        var model = WildModels.TfLike();
        var result = WildKit.Run(model, new Dictionary<string, Tensor> { ["input_1"] = WildKit.Random(1, 24, 32, 32, 3) }, new Dictionary<string, Tensor> { ["input_1"] = WildKit.Random(2, 16, 32, 32, 3) }, FuseAndStatic);

        var final = WildKit.Final(result);
        WildKit.PerChannelWeights(final).Should().BeGreaterThanOrEqualTo(2);
        final.Nodes.Where(n => n.OpType == "Conv").Should().HaveCount(2);
        final.Graph.Input.Single().Name.Should().Be("input_1");
        result.Finish.Manifest.Final.Metrics["Sqnr"].Should().BeGreaterThan(20);
        WildKit.Sqnr(model, final.Model, new Dictionary<string, Tensor> { ["input_1"] = WildKit.Random(4, 3, 32, 32, 3) }).Should().BeGreaterThan(20);
    }

    [Fact]
    public void ModelWithTwoInputsIsQuantizedAndEvaluatedOnBoth()
    {
        var model = WildModels.TwoInputs();
        var images = NpyFile.Read(TestPaths.Data("digits", "train_x.npy")).SliceRows(0, 32);
        var test = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 32);
        var result = WildKit.Run(
            model,
            new Dictionary<string, Tensor> { ["image"] = images, ["meta"] = WildKit.Random(5, 32, 4) },
            new Dictionary<string, Tensor> { ["image"] = test, ["meta"] = WildKit.Random(6, 32, 4) },
            FuseAndStatic);

        var final = WildKit.Final(result);
        final.RealInputs.Select(i => i.Name).Should().Equal("image", "meta");
        WildKit.PerChannelWeights(final).Should().BeGreaterThanOrEqualTo(2, "the Conv and the Gemms on both branches are quantized");
        result.Finish.Manifest.Final.Metrics["Sqnr"].Should().BeGreaterThan(20);
        var feeds = new Dictionary<string, Tensor> { ["image"] = test.SliceRows(0, 4), ["meta"] = WildKit.Random(7, 4, 4) };
        WildKit.Sqnr(model, final.Model, feeds).Should().BeGreaterThan(20);
    }

    [Theory]
    [InlineData("digits_cnn", "  - fuse\n  - prune: {pattern: channel, sparsity: 0.25}\n  - quantize: {mode: dynamic}")]
    [InlineData("digits_mlp", "  - fuse\n  - lowrank: {rank_method: energy, energy: 0.98}\n  - prune: {pattern: unstructured, sparsity: 0.5}\n  - quantize: {mode: static}")]
    public void ModelWithUnnamedNodesGoesThroughEveryPassKindLikeItsNamedTwin(string fixture, string passes)
    {
        var named = PipelineKit.Run(ModelFile.Load(TestPaths.Model(fixture)), passes);
        var unnamed = PipelineKit.Run(PipelineKit.Unnamed(fixture), passes);

        unnamed.StepsRun.Should().HaveCount(passes.Split('\n').Length);
        var final = WildKit.Final(unnamed);
        final.Nodes.Select(n => n.Name).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        final.OpCounts().Should().Equal(WildKit.Final(named).OpCounts());
        var manifest = unnamed.Finish.Manifest;
        manifest.Final.Parameters.Should().Be(named.Finish.Manifest.Final.Parameters);
        manifest.Final.Metrics["accuracy"].Should().Be(named.Finish.Manifest.Final.Metrics["accuracy"]).And.BeGreaterThan(0.3);
        var test = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 16);
        WildKit.Sqnr(WildKit.Final(named).Model, final.Model, new Dictionary<string, Tensor> { ["input"] = test }).Should().BeGreaterThan(60, "node names change nothing the passes compute");
    }
}
