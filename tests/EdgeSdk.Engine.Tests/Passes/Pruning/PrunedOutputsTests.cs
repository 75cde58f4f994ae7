// ONNX Runtime runs every pruned graph, and pruning channels that contribute exactly nothing leaves the
// model's output unchanged: the surgery itself never alters what the kept channels compute.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Pruning;

namespace EdgeSdk.Engine.Tests.Pruning;

public class PrunedOutputsTests
{
    public static TheoryData<string> Graphs => ["residual", "depthwise", "concat", "flatten_gemm"];

    private static (OnnxModelBuilder Builder, long[] Input) Build(string name) => name switch
    {
        "residual" => (PruningTestGraphs.Residual(), [1, 4, 6, 6]),
        "depthwise" => (PruningTestGraphs.DepthwiseChain(), [1, 3, 5, 5]),
        "concat" => (PruningTestGraphs.Concat(), [1, 2, 4, 4]),
        _ => (PruningTestGraphs.FlattenGemm(), [1, 2, 3, 3]),
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void PruningDeadChannelsLeavesOutputsUnchanged(string name)
    {
        var (builder, shape) = Build(name);
        var original = builder.ToGraph();
        var pruned = original.Clone();
        var (result, _) = PassHarness.RunCollecting(new PrunePass(), pruned, new() { ["sparsity"] = 0.5 });
        var input = OrtComparison.RandomInput(shape);

        result.Figures["parameters_after"].Should().BeLessThan(result.Figures["parameters_before"]);
        var expected = OrtComparison.Run(original, input);
        var actual = OrtComparison.Run(pruned, input);
        actual.Should().HaveCount(expected.Length);
        OrtComparison.MaxAbsDifference(expected, actual).Should().BeLessThan(1e-5);
    }

    [Fact]
    public void KeptChannelsAtTheCutLayerComputeWhatTheyDidBefore()
    {
        // Live weights everywhere: compare the cut layer's kept channels, not the final output.
        var builder = new OnnxModelBuilder(seed: 21).Input("x", 1, 3, 5, 5).Output("y", 1, 4, 5, 5);
        builder.Conv("a", "x", 3, 6, 3);
        builder.Node("Relu", ["a.out"], "r");
        builder.Conv("b", "r", 6, 4, 1).Output[0] = "y";
        var original = builder.ToGraph();
        original.Graph.Output.Add(new EdgeSdk.Onnx.Proto.ValueInfoProto { Name = "r" });
        var probe = original.Clone();
        original.Graph.Output.RemoveAt(1);
        var pruned = original.Clone();
        var deps = ChannelDependencyBuilder.Build(pruned, _ => false);
        var group = deps.Roots.Single(r => deps.FrozenReason(r) is null);
        int[] kept = [0, 2, 5];
        ChannelSurgery.Apply(pruned, deps, new Dictionary<int, int[]> { [group] = kept });
        pruned.Graph.Output.Add(new EdgeSdk.Onnx.Proto.ValueInfoProto { Name = "r" });

        var input = OrtComparison.RandomInput([1, 3, 5, 5]);
        using var before = EdgeSdk.Runtime.InferenceSession.FromModel(probe.Model);
        using var after = EdgeSdk.Runtime.InferenceSession.FromModel(pruned.Model);
        var feed = new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["x"] = input };
        var full = before.Run(feed, ["r"])["r"].AsFloat();
        var cut = after.Run(feed, ["r"])["r"];
        cut.Shape.Should().Equal(1, 3, 5, 5);
        var expected = kept.SelectMany(c => full.Skip(c * 25).Take(25)).ToArray();
        OrtComparison.MaxAbsDifference(expected, cut.AsFloat()).Should().Be(0);
    }

    [Fact]
    public void PrunedMobileNetWithBatchNormRunsAndKeepsItsOutputShape()
    {
        var original = ModelGraph.Load(EdgeSdk.Tests.TestPaths.Model("digits32_mobilenet"));
        var pruned = original.Clone();
        PassHarness.RunCollecting(new PrunePass(), pruned, new() { ["sparsity"] = 0.5, ["importance"] = "bn_scale" });
        var input = OrtComparison.RandomInput([2, 1, 32, 32]);
        OrtComparison.Run(pruned, input).Should().HaveCount(20).And.OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void ActivationImportanceOnCalibrationDataFindsTheSilentChannels()
    {
        var original = PruningTestGraphs.Residual().ToGraph();
        var pruned = original.Clone();
        var calibration = new EdgeSdk.Data.InMemoryDataSet("calibration", new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["x"] = OrtComparison.RandomInput([40, 4, 6, 6], seed: 8) }, null);
        PassHarness.RunCollecting(new PrunePass(), pruned, new() { ["sparsity"] = 0.5, ["importance"] = "activation", ["calibration_samples"] = 40L }, new EdgeSdk.Data.DataSets(calibration, null, null));

        TensorProtoConverter.ToFloatArray(pruned.GetInitializer("convA.b")!).Should().NotContain(0f);
        var input = OrtComparison.RandomInput([1, 4, 6, 6]);
        OrtComparison.MaxAbsDifference(OrtComparison.Run(original, input), OrtComparison.Run(pruned, input)).Should().BeLessThan(1e-5);
    }
}
