// The lowrank pass on real and hand-built graphs: ranks per method, budgets met, layers that would not get
// cheaper left alone, and factorized models that ONNX Runtime runs with outputs close to the original.
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Engine.Tests.Pruning;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.LowRank;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.LowRank;

public class LowRankPassTests
{
    private static readonly LowRankPass Pass = new();

    [Fact]
    public void RatioSetsEachLayersRankToThatShareOfItsFullRank()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["rank_method"] = "ratio", ["ratio"] = 0.25 });

        graph.GetInitializer("layers.0.weight_lowrank_a")!.Dims.Should().Equal(64, 16);
        graph.GetInitializer("layers.0.weight_lowrank_b")!.Dims.Should().Equal(16, 256);
        graph.GetInitializer("layers.1.weight_lowrank_a")!.Dims.Should().Equal(256, 32);
        graph.GetInitializer("layers.2.weight_lowrank_a")!.Dims.Should().Equal([128, 3], "round(0.25*10)=3 gives 3*(128+10)=414 < 1280 MACs");
        result.Figures["layers_factorized"].Should().Be(3);
    }

    [Fact]
    public void LayerThatWouldNotGetCheaperIsLeftAloneAndReported()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["rank_method"] = "energy", ["energy"] = 0.9999 });

        graph.Nodes.Single(n => n.Name == "/layers.2/Gemm").OpType.Should().Be("Gemm");
        graph.GetInitializer("layers.2.weight")!.Dims.Should().Equal(10, 128);
        result.Tables[0].Rows.Should().Contain(r => r[0] == "/layers.2/Gemm" && r[7].StartsWith("factorizing would not save", StringComparison.Ordinal));
    }

    [Fact]
    public void ParameterBudgetHalvesTheModelAndOrtRunsIt()
    {
        var original = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var graph = original.Clone();
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.5 });

        result.Figures["parameters_after"].Should().BeLessOrEqualTo(0.5 * result.Figures["parameters_before"]);
        result.Figures["parameters_after"].Should().BeGreaterThan(0.45 * result.Figures["parameters_before"], "bisection on the energy uses the budget nearly fully");
        var input = OrtComparison.RandomInput([3, 1, 8, 8]);
        OrtComparison.Run(graph, input).Should().HaveCount(30);
    }

    [Fact]
    public void HighEnergyKeepsTheOutputClose()
    {
        var original = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var graph = original.Clone();
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["energy"] = 0.97, ["min_mac_saving"] = 0.0 });
        var input = EdgeSdk.Data.NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 100);

        var expected = OrtComparison.Run(original, input);
        var actual = OrtComparison.Run(graph, input);
        var rms = Math.Sqrt(expected.Zip(actual).Average(p => Math.Pow(p.First - p.Second, 2)) / expected.Average(v => v * v));
        var agree = Runtime.FixtureModels.ArgMax(expected, 10).Zip(Runtime.FixtureModels.ArgMax(actual, 10)).Count(p => p.First == p.Second);
        result.Figures["layers_factorized"].Should().Be(1, "only layers.1 (rank 79 of 128) gets cheaper at 97% energy");
        rms.Should().BeLessThan(0.02);
        agree.Should().BeGreaterOrEqualTo(99);
    }

    [Theory]
    [InlineData("spatial")]
    [InlineData("channel")]
    public void ExactlyLowRankConvIsReproducedByBothDecompositions(string method)
    {
        // A 3x3 conv, stride 2 and padding 1, whose weight is exactly rank 2 in both reshapings.
        var b = new OnnxModelBuilder(seed: 7).Input("x", 1, 8, 9, 9).Output("y", 1, 16, 5, 5);
        var random = new Random(9);
        float R() => (float)((random.NextDouble() * 2) - 1);
        var u = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 16).Select(_ => R()).ToArray()).ToArray();
        var v = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 8).Select(_ => R()).ToArray()).ToArray();
        var h = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 3).Select(_ => R()).ToArray()).ToArray();
        var w = new float[16 * 8 * 3 * 3];
        for (var o = 0; o < 16; o++)
        {
            for (var i = 0; i < 8; i++)
            {
                for (var y = 0; y < 3; y++)
                {
                    for (var x = 0; x < 3; x++)
                    {
                        w[(((((o * 8) + i) * 3) + y) * 3) + x] = (u[0][o] * v[0][i] * h[0][y] * h[1][x]) + (u[1][o] * v[1][i] * h[1][y] * h[0][x]);
                    }
                }
            }
        }

        b.Floats("w", [16, 8, 3, 3], w);
        b.Random("bias", 16);
        var conv = b.Node("Conv", ["x", "w", "bias"], "y", "conv");
        conv.SetInts("kernel_shape", [3, 3]);
        conv.SetInts("strides", [2, 2]);
        conv.SetInts("pads", [1, 1, 1, 1]);
        var original = b.ToGraph();
        var graph = original.Clone();
        var (result, _) = PassHarness.RunCollecting(Pass, graph, new() { ["energy"] = 0.999999, ["conv_method"] = method });

        graph.Nodes.Should().HaveCount(2);
        result.Tables[0].Rows[0][3].Should().Be(method == "spatial" ? "24 -> 2" : "16 -> 2");
        var input = OrtComparison.RandomInput([1, 8, 9, 9]);
        OrtComparison.MaxAbsDifference(OrtComparison.Run(original, input), OrtComparison.Run(graph, input)).Should().BeLessThan(1e-4);
    }

    [Fact]
    public void UnreachableBudgetIsEdge2302()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var act = () => PassHarness.RunCollecting(Pass, graph, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.001 });
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE2302");
    }
}
