// QDQ placement on a hand-built graph: Relu absorbed into the Conv's range, MaxPool and Reshape sharing
// their input's parameters, the residual Add quantized, the final Gemm left with a float output, and
// the exclusion options keeping exactly the named nodes float.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Quantization;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QdqPlacementPlannerTests
{
    // input → Conv_0 → Relu_1 → MaxPool_2 → Conv_3 → Add_4(Conv_3, MaxPool_2) → Reshape_5 → Gemm_6 → logits
    internal static ModelGraph ResidualGraph()
    {
        var random = new Random(5);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("input", "N,1,4,4")
            .Output("logits", "N,3")
            .Floats("w1", [2, 1, 3, 3], R(18)).Floats("b1", [2], R(2))
            .Floats("w2", [2, 2, 1, 1], R(4)).Floats("b2", [2], R(2))
            .Floats("wf", [3, 8], R(24)).Floats("bf", [3], R(3))
            .Ints("shape", -1, 8);
        b.Add("Conv", ["input", "w1", "b1"], ["c1"], ("pads", new long[] { 1, 1, 1, 1 }), ("kernel_shape", new long[] { 3, 3 }));
        b.Add("Relu", ["c1"], ["r1"]);
        b.Add("MaxPool", ["r1"], ["p1"], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
        b.Add("Conv", ["p1", "w2", "b2"], ["c2"], ("kernel_shape", new long[] { 1, 1 }));
        b.Add("Add", ["c2", "p1"], ["a1"]);
        b.Add("Reshape", ["a1", "shape"], ["flat"]);
        b.Add("Gemm", ["flat", "wf", "bf"], ["logits"], ("transB", 1L));
        return b.ToGraph();
    }

    [Fact]
    public void PlacementLetsOrtFuseEveryGroup()
    {
        var plan = QdqPlacementPlanner.Plan(ResidualGraph(), new QdqPlacementOptions());

        plan.Absorbed.Should().ContainSingle().Which.Should().Be(new AbsorbedActivation("Relu_1", "Conv_0", "c1", "r1"));
        plan.Activations.Should().Equal(
            new PlannedActivation("input", "input", null),
            new PlannedActivation("r1", "r1", null),
            new PlannedActivation("p1", "p1", "r1"),
            new PlannedActivation("c2", "c2", null),
            new PlannedActivation("a1", "a1", null),
            new PlannedActivation("flat", "flat", "a1"));
        plan.Activations.Should().NotContain(a => a.Name == "logits", "the last Gemm keeps a float output (QGemm with float output)");
        plan.QuantizedLayers.Should().Equal("Conv_0", "Conv_3", "Gemm_6");
        plan.QuantizedNodes.Should().Equal("Conv_0", "MaxPool_2", "Conv_3", "Add_4", "Reshape_5", "Gemm_6");
        plan.Constants.Select(c => (c.Initializer, c.Kind, c.Axis)).Should().BeEquivalentTo(new[]
        {
            ("w1", ConstantKind.Weight, 0), ("b1", ConstantKind.Bias, 0),
            ("w2", ConstantKind.Weight, 0), ("b2", ConstantKind.Bias, 0),
            ("wf", ConstantKind.Weight, 0), ("bf", ConstantKind.Bias, 0),
        });
        plan.CalibrationTensors.Should().Equal("input", "r1", "c2", "a1");
        plan.Root(plan.Activations.Single(a => a.Name == "flat")).Name.Should().Be("a1");
    }

    [Fact]
    public void KeepingTheLastLayerFloatAlsoDropsTheReshapeThatOnlyFeedsIt()
    {
        var plan = QdqPlacementPlanner.Plan(ResidualGraph(), new QdqPlacementOptions { KeepLastLayerFloat = true });
        plan.QuantizedLayers.Should().Equal("Conv_0", "Conv_3");
        plan.QuantizedNodes.Should().NotContain(["Gemm_6", "Reshape_5"]);
        plan.FloatNodes.Should().ContainSingle(f => f.Node == "Gemm_6").Which.Reason.Should().Be("last layer kept float");
        plan.Activations.Should().Contain(a => a.Name == "a1", "the Add still runs as QLinearAdd and needs a quantized output");
    }

    [Fact]
    public void ExclusionsByNameAndTypeKeepExactlyThoseNodesFloat()
    {
        var plan = QdqPlacementPlanner.Plan(ResidualGraph(), new QdqPlacementOptions { ExcludeNodes = ["Conv_3"], ExcludeOpTypes = ["Add"], KeepFirstLayerFloat = true });
        plan.QuantizedLayers.Should().Equal("Gemm_6");
        plan.FloatNodes.Select(f => (f.Node, f.Reason)).Should().BeEquivalentTo(new[]
        {
            ("Conv_0", "first layer kept float"), ("Conv_3", "excluded by name"), ("Add_4", "operator type Add excluded"),
        });
        plan.Absorbed.Should().BeEmpty("a float Conv has no quantized range to absorb its Relu into");
        plan.Activations.Select(a => a.Name).Should().Equal("flat");
    }

    [Fact]
    public void SymmetricActivationsKeepReluAsAFloatNode()
    {
        var plan = QdqPlacementPlanner.Plan(ResidualGraph(), new QdqPlacementOptions { ActivationSymmetric = true, ActivationType = Tensors.TensorElementType.Int8 });
        plan.Absorbed.Should().BeEmpty();
        plan.Activations.Select(a => a.Name).Should().StartWith(["input", "c1"]);
    }

    [Fact]
    public void AutoKeepsASmallFirstConvOnTheInputFloat()
    {
        // Conv_0 reads the model input with 1·3·3 = 9 multiply-adds per output: QLinearConv is slower than float there.
        var plan = QdqPlacementPlanner.Plan(ResidualGraph(), new QdqPlacementOptions { AutoFloatSmallFirstConv = true });
        plan.QuantizedLayers.Should().Equal("Conv_3", "Gemm_6");
        plan.FloatNodes.Should().ContainSingle().Which.Reason.Should().Contain("9 multiply-adds per output");
        plan.Activations.Select(a => a.Name).Should().Equal(["p1", "c2", "a1", "flat"], "Relu and MaxPool after the float Conv stay float; the next Conv quantizes its input");
    }
}
