// Recipes compose: prune's output is an ordinary graph the quantize pass takes as it is, and lowrank's
// output too; ONNX Runtime runs the composed model and the pruned channel counts survive quantization.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pruning;

public class CompositionTests
{
    private static DataSets Calibration(string set, string input, int count) =>
        new(new InMemoryDataSet("calibration", new Dictionary<string, Tensors.Tensor> { [input] = NpyFile.Read(TestPaths.Data(set, "train_x.npy")).SliceRows(0, count) }, null), null, null);

    [Fact]
    public void PruneThenStaticQuantizeRunsOnMobileNet()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var data = Calibration("digits32", graph.RealInputs.First().Name, 32);
        PassTestRunner.Run(PassCatalog.Find("fuse")!, graph, []);
        PassTestRunner.Run(PassCatalog.Find("prune")!, graph, new() { ["sparsity"] = 0.5, ["round_to"] = 16L });
        var prunedExpand = graph.GetInitializer("features.12.body.0.weight")!.Dims[0];
        var (quantized, _) = PassTestRunner.Run(PassCatalog.Find("quantize")!, graph, new() { ["mode"] = "static", ["sqnr_samples"] = 0L, ["fallback"] = false }, data);

        prunedExpand.Should().Be(288);
        quantized.Model.Nodes.Should().Contain(n => n.OpType == "QuantizeLinear");
        var input = NpyFile.Read(TestPaths.Data("digits32", "test_x.npy")).SliceRows(0, 4);
        OrtComparison.Run(quantized.Model, input).Should().HaveCount(40).And.OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void LowRankThenDynamicQuantizeRunsOnTheMlp()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassTestRunner.Run(PassCatalog.Find("lowrank")!, graph, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.5 });
        var (quantized, _) = PassTestRunner.Run(PassCatalog.Find("quantize")!, graph, new() { ["mode"] = "dynamic", ["sqnr_samples"] = 0L, ["fallback"] = false });

        var input = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 4);
        OrtComparison.Run(quantized.Model, input).Should().HaveCount(40).And.OnlyContain(v => float.IsFinite(v));
    }
}
