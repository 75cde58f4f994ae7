// Constant nodes become initializers (every value form), except one that is itself a graph output; in an
// IR < 4 model each new initializer is also listed as a graph input, as that IR requires.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Onnx;

public sealed class ConstantToInitializerTests
{
    private static OnnxModelBuilder Model(long ir)
    {
        var b = new OnnxModelBuilder(opset: 9, irVersion: ir).Input("x", "2,3").Output("y", "2,3").Output("c", "1");
        b.Add("Constant", [], ["w"], ("value", TensorProtoConverter.FromFloat(string.Empty, [1, 2, 3, 4, 5, 6], 2, 3)));
        b.Add("Constant", [], ["s"], ("value_floats", new[] { 0.5f }));
        b.Add("Constant", [], ["c"], ("value", TensorProtoConverter.FromFloat(string.Empty, [7], 1)));
        b.Add("Mul", ["x", "w"], ["m"]);
        b.Add("Mul", ["m", "s"], ["y"]);
        return b;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void ConstantsBecomeInitializersAndTheModelComputesTheSame(long ir)
    {
        var graph = Model(ir).ToGraph();
        var x = Tensor.FromFloat([1, 1, 1, 2, 2, 2], 2, 3);
        using var before = InferenceSession.FromModel(graph.Model.Clone());
        var expected = before.Run(new Dictionary<string, Tensor> { ["x"] = x });

        ConstantToInitializer.Apply(graph).Should().Be(2, "the Constant that is a graph output stays a node");

        graph.Initializers.Keys.Should().BeEquivalentTo("w", "s");
        TensorProtoConverter.ToFloatArray(graph.Initializers["s"]).Should().Equal(0.5f);
        graph.Nodes.Count(n => n.OpType == "Constant").Should().Be(1);
        graph.Graph.Input.Select(i => i.Name).Should().BeEquivalentTo(ir < 4 ? ["x", "w", "s"] : new[] { "x" });
        using var after = InferenceSession.FromModel(graph.Model);
        var actual = after.Run(new Dictionary<string, Tensor> { ["x"] = x });
        actual["y"].AsFloat().Should().Equal(expected["y"].AsFloat());
        actual["y"].AsFloat().Should().Equal(0.5f, 1, 1.5f, 4, 5, 6);
    }
}
