// The quantize pass's structure: one node selector decides exclusions and first/last-layer rules the same
// way for static, dynamic and weight-only; static placement looks operator handling up by op type in the
// registry; each mode is a strategy, and decision steps get the strategy's candidates.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Passes.Quantization;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QuantizationStructureTests
{
    // MatMul → Add(bias) → Gemm → Relu → MatMul: three layers every mode can quantize.
    private static ModelGraph ThreeLayerGraph()
    {
        var random = new Random(3);
        float[] R(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,32").Output("y", "N,4")
            .Floats("w1", [32, 16], R(32 * 16)).Floats("b1", [16], R(16))
            .Floats("w2", [16, 16], R(16 * 16)).Floats("b2", [16], R(16))
            .Floats("w3", [16, 4], R(16 * 4))
            .Add("MatMul", ["x", "w1"], ["h"])
            .Add("Add", ["h", "b1"], ["hb"])
            .Add("Gemm", ["hb", "w2", "b2"], ["g"], ("transB", 1L))
            .Add("Relu", ["g"], ["r"])
            .Add("MatMul", ["r", "w3"], ["y"])
            .ToGraph();
    }

    public static TheoryData<string, string[]> Selections() => new()
    {
        { "first", ["MatMul_0"] },
        { "last", ["MatMul_4"] },
        { "gemm", ["Gemm_2"] },
        { "name", ["MatMul_4"] },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void EveryModeKeepsTheSameLayersFloatForTheSameSelection(string selection, string[] expectedFloat)
    {
        var options = selection switch
        {
            "first" => new QuantizationOptions { KeepFirstLayerFloat = true },
            "last" => new QuantizationOptions { KeepLastLayerFloat = true },
            "gemm" => new QuantizationOptions { ExcludeOpTypes = ["Gemm"] },
            _ => new QuantizationOptions { ExcludeNodes = ["MatMul_4"] },
        };
        var graph = ThreeLayerGraph();
        string[] layers = ["MatMul_0", "Gemm_2", "MatMul_4"];

        var dynamic = DynamicQuantizer.Apply(graph.Clone(), options);
        var weightOnly = MatMulNBitsQuantizer.Apply(graph.Clone(), options with { BlockSize = 16 });
        var plan = QdqPlacementPlanner.Plan(graph, QdqPlacementOptions.From(options));

        layers.Except(dynamic).Should().Equal(expectedFloat);
        layers.Except(weightOnly).Should().Equal(expectedFloat);
        layers.Except(plan.QuantizedLayers).Should().Equal(expectedFloat);
        plan.FloatNodes.Where(f => layers.Contains(f.Node)).Select(f => f.Node).Should().Equal(expectedFloat);
    }

    [Fact]
    public void SelectorGivesTheReasonTheReportShows()
    {
        var graph = ThreeLayerGraph();
        var layers = graph.TopologicalOrder().Where(n => n.OpType is "MatMul" or "Gemm").ToList();
        var selector = new QuantizationNodeSelector(graph, layers, new NodeSelectionOptions { KeepFirstLayerFloat = true, KeepLastLayerFloat = true, ExcludeOpTypes = ["Gemm"] });

        selector.FloatReason(layers[0]).Should().Be("first layer kept float");
        selector.FloatReason(layers[1]).Should().Be("operator type Gemm excluded");
        selector.FloatReason(layers[2]).Should().Be("last layer kept float");
        selector.Exclusion(layers[0]).Should().BeNull("first/last layer rules are not exclusions (data movers after them still share parameters)");
        selector.Selects(graph.Nodes.Single(n => n.OpType == "Relu")).Should().BeTrue();
    }

    [Fact]
    public void RegistryKeysOperatorHandlingByOpType()
    {
        QdqOperatorRegistry.All["Conv"].Should().BeOfType<QdqConvOperator>().Which.IsLayer.Should().BeTrue();
        QdqOperatorRegistry.All["Gemm"].IsLayer.Should().BeTrue();
        QdqOperatorRegistry.All["Add"].Role.Should().Be(QdqRole.Compute);
        QdqOperatorRegistry.All["Add"].IsLayer.Should().BeFalse();
        QdqOperatorRegistry.All["Reshape"].Role.Should().Be(QdqRole.DataMovement);
        QdqOperatorRegistry.All["Relu"].Role.Should().Be(QdqRole.AbsorbableActivation);
        QdqOperatorRegistry.IsDataMovement("MaxPool").Should().BeTrue();
        QdqOperatorRegistry.IsDataMovement("Softmax").Should().BeFalse();
        QdqOperatorRegistry.Find(new NodeProto { OpType = "Conv", Domain = "com.microsoft" }).Should().BeNull("operators of other domains stay float");
        QdqOperatorRegistry.Find(new NodeProto { OpType = "LayerNormalization" }).Should().BeNull();
    }

    [Fact]
    public void GemmWithTransposedInputIsKeptFloatByItsHandlerWithTheLayoutReason()
    {
        var random = new Random(5);
        var graph = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "8,N").Output("y", "N,4")
            .Floats("w", [4, 8], Enumerable.Range(0, 32).Select(_ => (float)random.NextDouble()).ToArray())
            .Add("Gemm", ["x", "w"], ["y"], ("transA", 1L), ("transB", 1L))
            .ToGraph();

        var plan = QdqPlacementPlanner.Plan(graph, new QdqPlacementOptions());

        plan.QuantizedLayers.Should().BeEmpty();
        plan.FloatNodes.Single().Reason.Should().Be("weight layout not supported by integer kernels");
    }

    [Fact]
    public void DynamicAndWeightOnlyStrategiesOfferEveryEligibleLayerAndBuildFreshModels()
    {
        var graph = ThreeLayerGraph();
        var options = new QuantizationOptions { BlockSize = 16, ExcludeNodes = ["Gemm_2"] };
        IQuantizationStrategy[] strategies = [new DynamicStrategy(graph, options), new WeightOnlyStrategy(graph, options)];

        foreach (var strategy in strategies)
        {
            strategy.Candidates.Should().Equal("MatMul_0", "Gemm_2", "MatMul_4");
            var all = strategy.Build([]);
            var fewer = strategy.Build(["MatMul_4"]);
            all.Nodes.Count(n => n.OpType is "MatMul" or "Gemm").Should().Be(1, "only the excluded Gemm stays float");
            fewer.Nodes.Count(n => n.OpType is "MatMul" or "Gemm").Should().Be(2);
            graph.Nodes.Count(n => n.OpType is "MatMul" or "Gemm").Should().Be(3, "the input model is not modified");
        }
    }
}
