// Every fixture model survives prune (channel, 2:4) and lowrank: ONNX Runtime loads the result and the
// logits keep their shape; structured pruning never grows a model.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.LowRank;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pruning;

public class FixtureModelsPruneTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (model, set) in new[] { ("digits_mlp", "digits"), ("digits_cnn", "digits"), ("digits_cnn_folded", "digits"), ("digits_transformer", "digits"), ("breast_cancer_mlp", "breast_cancer") })
        {
            data.Add(model, set, "channel");
            data.Add(model, set, "2:4");
            data.Add(model, set, "lowrank");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PassOutputRunsInOrtWithTheSameOutputShape(string model, string set, string mode)
    {
        var original = ModelGraph.Load(TestPaths.Model(model));
        var graph = original.Clone();
        IPass pass = mode == "lowrank" ? new LowRankPass() : new PrunePass();
        var parameters = mode switch
        {
            "lowrank" => new Dictionary<string, object?> { ["energy"] = 0.9 },
            "channel" => new Dictionary<string, object?> { ["sparsity"] = 0.5 },
            _ => new Dictionary<string, object?> { ["pattern"] = "2:4" },
        };
        var (result, _) = PassHarness.RunCollecting(pass, graph, parameters);
        var input = NpyFile.Read(TestPaths.Data(set, "test_x.npy")).SliceRows(0, 8);

        var expected = OrtComparison.Run(original, input);
        var actual = OrtComparison.Run(graph, input);
        actual.Should().HaveCount(expected.Length).And.OnlyContain(v => float.IsFinite(v));
        result.Figures["parameters_after"].Should().BeLessOrEqualTo(result.Figures["parameters_before"]);
    }
}
