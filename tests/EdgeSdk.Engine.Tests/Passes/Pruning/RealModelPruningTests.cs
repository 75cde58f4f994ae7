// Structured pruning of the exporter's real graphs (BatchNormalization still present in
// digits32_mobilenet): every channel group except the logits is pruned and the costs fall.
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pruning;

public class RealModelPruningTests
{
    [Fact]
    public void MobileNetWithBatchNormHasOneGroupPerBlockAndOnlyTheLogitsAreFrozen()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var deps = ChannelDependencyBuilder.Build(graph, _ => false);
        var frozen = deps.Roots.Where(r => deps.FrozenReason(r) is not null).ToList();
        deps.Roots.Should().HaveCount(18, "16 conv groups + 1 head, with the 5 residual Adds merging 12 projections into 4 groups");
        frozen.Should().ContainSingle().Which.Should().Be(deps.Roots.Single(r => deps.Producers(r).Contains("/head/Gemm")));
    }

    [Fact]
    public void HalfTheMobileNetChannelsCutsParametersAndMacs()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var (result, _) = PassHarness.RunCollecting(new PrunePass(), graph, new() { ["sparsity"] = 0.5 });
        result.Figures["parameters_after"].Should().BeLessThan(result.Figures["parameters_before"] * 0.35);
        result.Figures["macs_after"].Should().BeLessThan(result.Figures["macs_before"] * 0.35);
    }

    [Fact]
    public void TransformerFeedForwardHiddenUnitsArePrunedWhileLayerNormStreamsStayWhole()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_transformer"));
        var (result, _) = PassHarness.RunCollecting(new PrunePass(), graph, new() { ["sparsity"] = 0.5 });

        var groups = result.Tables[0].Rows;
        groups.Where(r => r[3] == "pruned").Select(r => r[0]).Should().Equal("/blocks/blocks.0/ff/ff.0/MatMul", "/blocks/blocks.1/ff/ff.0/MatMul");
        groups.Should().Contain(r => r[3].Contains("LayerNormalization", StringComparison.Ordinal), "the residual stream feeds LayerNormalization, which normalizes over channels");
        result.Figures["channels_after"].Should().Be(result.Figures["channels_before"] - 128);
    }

    [Theory]
    [InlineData("prune", "channel")]
    [InlineData("prune", "unstructured")]
    [InlineData("lowrank", "")]
    public void SameInputGivesByteIdenticalOutput(string passName, string pattern)
    {
        byte[] RunOnce()
        {
            var graph = ModelGraph.Load(TestPaths.Model("digits_cnn"));
            var parameters = passName == "prune" ? new Dictionary<string, object?> { ["pattern"] = pattern, ["scope"] = "global" } : new Dictionary<string, object?> { ["energy"] = 0.9 };
            PassHarness.RunCollecting(EdgeSdk.Passes.PassCatalog.Find(passName)!, graph, parameters);
            return ModelFile.ToBytes(graph.Model);
        }

        RunOnce().Should().Equal(RunOnce());
    }
}
