// Static analysis on hand-built graphs with hand-computed MACs and activation peaks.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Evaluation;
using EdgeSdk.Targets;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class StaticAnalyzerTests
{
    private static ValueShape F(params long[] dims) => new(TensorElementType.Float, dims);

    [Fact]
    public void GroupedConvAndTransposedGemmMacsAreHandComputed()
    {
        // x[1,4,8,8] -Conv(w[6,2,3,3], group 2, pad 1)-> c[1,6,8,8] -Flatten-> f[1,384] -Gemm(w2[10,384], transB)-> y[1,10]
        var model = new OnnxModelBuilder(opset: 13)
            .Input("x", "batch,4,8,8").Output("y", "batch,10")
            .Weight("w", 6, 2, 3, 3).Weight("w2", 10, 384)
            .Add("Conv", ["x", "w"], ["c"], ("group", 2L), ("pads", new long[] { 1, 1, 1, 1 }))
            .Add("Flatten", ["c"], ["f"])
            .Add("Gemm", ["f", "w2"], ["y"], ("transB", 1L))
            .ToGraph();
        var shapes = new Dictionary<string, ValueShape> { ["c"] = F(3, 6, 8, 8), ["f"] = F(3, 384), ["y"] = F(3, 10) };

        var analysis = StaticAnalyzer.Analyze(model, shapes, batch: 3);

        // Conv: 3*6*8*8 outputs x (4/2 channels * 3*3) = 1152 * 18 = 20736. Gemm: 3*10 outputs x K 384 = 11520.
        analysis.Nodes.Select(n => n.Macs).Should().Equal(20736, 0, 11520);
        analysis.Macs.Should().Be(32256);
        analysis.Parameters.Should().Be((6 * 2 * 3 * 3) + (10 * 384));
        analysis.WeightBytes.Should().Be(4 * ((6 * 2 * 3 * 3) + (10 * 384)));
        analysis.Nodes.Should().OnlyContain(n => n.ShapesKnown);
        analysis.Nodes[0].WeightBytes.Should().Be(4 * 108);
        analysis.Nodes[0].InputBytes.Should().Be(4 * 3 * 4 * 8 * 8);
    }

    [Fact]
    public void PeakActivationCountsInputsAndOutputsLiveTogetherAndFreesAfterLastUse()
    {
        // a[100] -Relu-> b[200] -Relu-> c[50] ; a is also read by the last node: Add(a?, …) keeps a alive.
        // Steps: 0 Relu(a)->b: a+b = 300; 1 Relu(b)->c: a+b+c = 350; 2 Add(a, c)->d[100]: a+c+d = 250 (b freed).
        var model = new OnnxModelBuilder(opset: 13)
            .Input("a", "100").Output("d", "100")
            .Add("Relu", ["a"], ["b"])
            .Add("Relu", ["b"], ["c"])
            .Add("Add", ["a", "c"], ["d"])
            .ToGraph();
        var shapes = new Dictionary<string, ValueShape> { ["b"] = F(200), ["c"] = F(50), ["d"] = F(100) };

        var analysis = StaticAnalyzer.Analyze(model, shapes, batch: 1);

        analysis.PeakActivationBytes.Should().Be(350 * 4);
        analysis.PeakMemoryBytes.Should().Be(350 * 4);
    }

    [Fact]
    public void MissingShapesAreFlaggedNotGuessed()
    {
        var model = new OnnxModelBuilder(opset: 13)
            .Input("x", "batch,64").Output("y", "batch,10").Weight("w", 64, 10)
            .Add("MatMul", ["x", "w"], ["h"])
            .Add("Relu", ["h"], ["y"])
            .ToGraph();

        var analysis = StaticAnalyzer.Analyze(model, new Dictionary<string, ValueShape>(), batch: 1);

        analysis.Nodes[0].ShapesKnown.Should().BeFalse();
        analysis.Nodes[0].Macs.Should().Be(0);
        analysis.NodesWithUnknownShapes.Should().Be(1, "the Relu writes the declared output y, whose batch dimension is the evaluated batch");
    }

    [Fact]
    public void CompressedSizesAreSmallerForRedundantModels()
    {
        // An all-zero 64x1000 weight compresses to almost nothing.
        var model = new OnnxModelBuilder(opset: 13).Input("x", "batch,64").Output("y", "batch,1000").Weight("w", 64, 1000).Add("MatMul", ["x", "w"], ["y"]).ToGraph();
        var analysis = StaticAnalyzer.Analyze(model, new Dictionary<string, ValueShape>(), batch: 1);
        analysis.ModelBytes.Should().BeGreaterThan(256_000);
        analysis.DeflateBytes.Should().BeLessThan(2_000);
        analysis.BrotliBytes.Should().BeLessThan(2_000);
    }

    [Fact]
    public void RooflineSplitsComputeAndMemoryBoundNodes()
    {
        var model = new OnnxModelBuilder(opset: 13)
            .Input("x", "batch,4,8,8").Output("y", "batch,6,8,8").Weight("w", 6, 2, 3, 3)
            .Add("Conv", ["x", "w"], ["c"], ("group", 2L), ("pads", new long[] { 1, 1, 1, 1 }))
            .Add("Relu", ["c"], ["y"])
            .ToGraph();
        var analysis = StaticAnalyzer.Analyze(model, new Dictionary<string, ValueShape> { ["c"] = F(1, 6, 8, 8) }, batch: 1);
        var target = new EdgeSdk.Targets.TargetProfile { Name = "t", PeakFp32Gflops = 1, MemoryBandwidthGBps = 1, RamBytes = 1000, StorageBytes = 1_000_000 };

        var estimate = RooflineEstimator.Estimate(analysis, target);

        // Conv: 6912 MACs -> 13824 ops at 1 GFLOP/s = 0.013824 ms; bytes 4*(108+256+384) = 2992 at 1 GB/s = 0.002992 ms.
        estimate.Nodes[0].ComputeMs.Should().BeApproximately(0.013824, 1e-12);
        estimate.Nodes[0].MemoryMs.Should().BeApproximately(0.002992, 1e-12);
        estimate.Nodes[0].Bound.Should().Be(RooflineBound.Compute);
        estimate.Nodes[1].Bound.Should().Be(RooflineBound.Memory);
        estimate.LatencyMs.Should().BeApproximately(0.013824 + (4 * 768 / 1e9 * 1e3), 1e-12);
        estimate.FitsRam.Should().BeFalse("weights 432 B + peak 2 x 1536 B exceed 1000 B");
        estimate.FitsStorage.Should().BeTrue();
    }
}
