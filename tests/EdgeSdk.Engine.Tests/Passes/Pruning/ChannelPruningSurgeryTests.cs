// Graph surgery of structured pruning on hand-built graphs with known answers: which channels group
// together, which are removed, and the exact shapes and values of every sliced tensor.
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Pruning;

namespace EdgeSdk.Engine.Tests.Pruning;

public class ChannelPruningSurgeryTests
{
    private static readonly PrunePass Pass = new();

    private static float[] Weights(ModelGraph g, string name) => TensorProtoConverter.ToFloatArray(g.GetInitializer(name)!);

    private static long[] Dims(ModelGraph g, string name) => g.GetInitializer(name)!.Dims.ToArray();

    [Fact]
    public void ResidualAddMergesBothBranchesIntoOneGroupAndPrunesTheDeadChannels()
    {
        var graph = PruningTestGraphs.Residual().ToGraph();
        var deps = ChannelDependencyBuilder.Build(graph, _ => false);
        var prunable = deps.Roots.Where(r => deps.FrozenReason(r) is null).ToList();
        prunable.Should().ContainSingle();
        deps.Producers(prunable[0]).Should().Equal("convA", "convB");

        PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5 });

        Dims(graph, "convA.w").Should().Equal(4, 4, 3, 3);
        Dims(graph, "convB.w").Should().Equal(4, 4, 1, 1);
        Dims(graph, "convB.b").Should().Equal(4);
        Dims(graph, "convC.w").Should().Equal(3, 4, 1, 1);
        Weights(graph, "convA.b").Should().NotContain(0f, "the zero-bias dead channels are the ones removed");
    }

    [Fact]
    public void DepthwiseChannelsFollowTheirInputAndBatchNormParametersAreSliced()
    {
        var builder = PruningTestGraphs.DepthwiseChain();
        var original = builder.ToGraph();
        var graph = original.Clone();
        PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5 });

        var kept = new[] { 1, 3, 4, 7 };
        Dims(graph, "conv1.w").Should().Equal(4, 3, 1, 1);
        Dims(graph, "dw.w").Should().Equal(4, 1, 3, 3);
        graph.Nodes.Single(n => n.Name == "dw").GetInt("group", 0).Should().Be(4);
        foreach (var bn in new[] { "bn1", "bn2" })
        {
            Weights(graph, bn + ".scale").Should().Equal(kept.Select(c => Weights(original, bn + ".scale")[c]));
        }

        Dims(graph, "conv2.w").Should().Equal(6, 4, 1, 1);
        Weights(graph, "conv2.w").Should().Equal(Enumerable.Range(0, 6).SelectMany(o => kept.Select(c => Weights(original, "conv2.w")[(o * 8) + c])));
    }

    [Fact]
    public void ConcatOffsetsTheSecondBranchChannelsInTheConsumer()
    {
        var original = PruningTestGraphs.Concat().ToGraph();
        var graph = original.Clone();
        PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5 });

        Dims(graph, "convA.w")[0].Should().Be(2);
        Dims(graph, "convB.w")[0].Should().Be(3);
        int[] columns = [0, 2, 3 + 1, 3 + 2, 3 + 3];
        Weights(graph, "convC.w").Should().Equal(Enumerable.Range(0, 2).SelectMany(o => columns.Select(c => Weights(original, "convC.w")[(o * 8) + c])));
    }

    [Fact]
    public void FlattenIntoGemmRemovesEachPrunedChannelsBlockOfColumns()
    {
        var original = PruningTestGraphs.FlattenGemm().ToGraph();
        var graph = original.Clone();
        PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5 });

        Dims(graph, "fc.w").Should().Equal(5, 18);
        var columns = new[] { 1, 3 }.SelectMany(c => Enumerable.Range(c * 9, 9)).ToArray();
        Weights(graph, "fc.w").Should().Equal(Enumerable.Range(0, 5).SelectMany(o => columns.Select(c => Weights(original, "fc.w")[(o * 36) + c])));
    }

    [Fact]
    public void SkippedLayerKeepsItsChannelsAndTheReportSaysWhy()
    {
        var graph = PruningTestGraphs.Residual().ToGraph();
        var (result, diagnostics) = PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5, ["skip_layers"] = new[] { "convB" } });

        Dims(graph, "convA.w").Should().Equal(8, 4, 3, 3);
        diagnostics.Should().Contain(d => d.Code == "EDGE2203");
        result.Tables.Should().Contain(t => t.Rows.Any(r => r.Contains("layer 'convB' is skipped")));
    }

    [Fact]
    public void UnknownConsumerFreezesTheGroupInsteadOfGuessing()
    {
        var b = new OnnxModelBuilder(seed: 3).Input("x", 1, 2, 4, 4).Output("y", 1, 4, 4, 4);
        b.Conv("conv", "x", 2, 4, 3);
        b.Node("Transpose", ["conv.out"], "t").SetInts("perm", [0, 1, 3, 2]);
        b.Node("Relu", ["t"], "y");
        var graph = b.ToGraph();
        var deps = ChannelDependencyBuilder.Build(graph, _ => false);
        deps.FrozenReason(deps.Roots.Single()).Should().Contain("Transpose");
    }

    [Fact]
    public void GlobalScopeRemovesTheRequestedShareOfAllChannels()
    {
        var graph = ModelGraph.Load(EdgeSdk.Tests.TestPaths.Model("digits_mlp"));
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.5, ["scope"] = "global" });

        result.Figures["channels_before"].Should().Be(256 + 128 + 10);
        result.Figures["channels_after"].Should().Be(256 + 128 + 10 - 192);
    }

    [Fact]
    public void RoundToKeepsMultiplesOfTheGivenWidth()
    {
        var graph = ModelGraph.Load(EdgeSdk.Tests.TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(Pass, graph, new() { ["sparsity"] = 0.3, ["round_to"] = 8L });

        Dims(graph, "layers.0.weight")[0].Should().Be(184, "256 - floor(0.3*256) = 180, rounded up to 184");
        Dims(graph, "layers.1.weight").Should().Equal(96, 184);
    }

    [Fact]
    public void InvalidPatternIsALocatedEdge2201()
    {
        var graph = PruningTestGraphs.Residual().ToGraph();
        var act = () => PassHarness.RunCollecting(Pass, graph, new() { ["pattern"] = "5:4" });
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE2201");
    }

    [Fact]
    public void ActivationImportanceWithoutCalibrationDataIsEdge2202()
    {
        var graph = PruningTestGraphs.Residual().ToGraph();
        var act = () => PassHarness.RunCollecting(Pass, graph, new() { ["importance"] = "activation" });
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE2202");
        Pass.RequiredData(EdgeSdk.Passes.Options.PassOptions.BindOrThrow(Pass, new Dictionary<string, object?> { ["importance"] = "activation" })).Should().Be(EdgeSdk.Passes.DataRequirement.Calibration);
    }
}
