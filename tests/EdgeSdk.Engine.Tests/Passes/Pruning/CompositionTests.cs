// Recipes compose: prune's and lowrank's outputs are ordinary graphs that finetune and quantize take as
// they are; ONNX Runtime runs the composed models, pruned channel counts survive quantization, and
// fine-tuning recovers the accuracy the rewrite lost (the full-length figures are in bench `pruning`).
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
        PassHarness.RunCollecting(PassCatalog.Find("fuse")!, graph, []);
        PassHarness.RunCollecting(PassCatalog.Find("prune")!, graph, new() { ["sparsity"] = 0.5, ["round_to"] = 16L });
        var prunedExpand = graph.GetInitializer("features.12.body.0.weight")!.Dims[0];
        var (quantized, _) = PassHarness.RunCollecting(PassCatalog.Find("quantize")!, graph, new() { ["mode"] = "static", ["sqnr_samples"] = 0L, ["fallback"] = false, ["weight_bits"] = (long)Quantization.HostInt8.SafeWeightBits }, data);

        prunedExpand.Should().Be(288);
        quantized.Model.Nodes.Should().Contain(n => n.OpType == "QuantizeLinear");
        var input = NpyFile.Read(TestPaths.Data("digits32", "test_x.npy")).SliceRows(0, 4);
        OrtComparison.Run(quantized.Model, input).Should().HaveCount(40).And.OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void LowRankThenDynamicQuantizeRunsOnTheMlp()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(PassCatalog.Find("lowrank")!, graph, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.5 });
        var (quantized, _) = PassHarness.RunCollecting(PassCatalog.Find("quantize")!, graph, new() { ["mode"] = "dynamic", ["sqnr_samples"] = 0L, ["fallback"] = false });

        var input = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 4);
        OrtComparison.Run(quantized.Model, input).Should().HaveCount(40).And.OnlyContain(v => float.IsFinite(v));
    }

    private static (InMemoryDataSet Train, InMemoryDataSet Test) Splits(string set, string input)
    {
        return (FixtureData.Split(set, "train", input), FixtureData.Split(set, "test", input));
    }

    private static double Accuracy(ModelGraph graph, InMemoryDataSet test)
    {
        using var session = EdgeSdk.Runtime.InferenceSession.FromModel(graph.Model);
        var logits = session.Run(new Dictionary<string, Tensors.Tensor> { [session.Inputs[0].Name] = test.Inputs.Values.First() }).Values.First().AsFloat();
        var predicted = Runtime.FixtureModels.ArgMax(logits, 10);
        var labels = (long[])test.Labels!.Data;
        return (double)predicted.Where((p, i) => p == labels[i]).Count() / labels.Length;
    }

    [Fact]
    public void LowRankAtHalfTheParametersThenFinetuneStaysWithinHalfAPointOnTheMlp()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var (train, test) = Splits("digits", graph.RealInputs.First().Name);
        var floatAccuracy = Accuracy(graph, test);
        var (factorized, _) = PassHarness.RunCollecting(PassCatalog.Find("lowrank")!, graph, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.5 });
        var (tuned, _) = PassHarness.RunCollecting(PassCatalog.Find("finetune")!, factorized.Model, new() { ["epochs"] = 10L }, new DataSets(null, train, test));

        factorized.Figures["parameters_after"].Should().BeLessOrEqualTo(0.5 * factorized.Figures["parameters_before"]);
        Accuracy(tuned.Model, test).Should().BeGreaterOrEqualTo(floatAccuracy - 0.005);
    }

    [Fact]
    public void PruneFinetuneFuseQuantizeRunsAsWrittenAndFinetuneRecoversAccuracy()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var (train, test) = Splits("digits32", graph.RealInputs.First().Name);
        var data = new DataSets(train.Take(64), train, test);
        PassHarness.RunCollecting(PassCatalog.Find("prune")!, graph, new() { ["sparsity"] = 0.5, ["importance"] = "bn_scale", ["round_to"] = 16L });
        var prunedAccuracy = Accuracy(graph, test);
        var (tuned, _) = PassHarness.RunCollecting(PassCatalog.Find("finetune")!, graph, new() { ["epochs"] = 1L, ["learning_rate"] = 0.003, ["batch_norm"] = "train" }, data);
        var tunedAccuracy = Accuracy(tuned.Model, test);
        var (fused, _) = PassHarness.RunCollecting(PassCatalog.Find("fuse")!, tuned.Model, []);
        var (quantized, _) = PassHarness.RunCollecting(PassCatalog.Find("quantize")!, fused.Model, new() { ["mode"] = "static", ["sqnr_samples"] = 0L, ["fallback"] = false, ["weight_bits"] = (long)Quantization.HostInt8.SafeWeightBits }, data);

        tunedAccuracy.Should().BeGreaterThan(prunedAccuracy + 0.05, "even one epoch starts to recover what pruning half the channels lost (10 epochs reach 98.25%, see bench `pruning`)");
        quantized.Model.Nodes.Should().Contain(n => n.OpType == "QuantizeLinear");
        Accuracy(quantized.Model, test).Should().BeGreaterThan(tunedAccuracy - 0.05);
    }
}
