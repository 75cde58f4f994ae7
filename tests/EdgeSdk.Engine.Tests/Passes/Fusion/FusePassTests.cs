using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Fusion;
using EdgeSdk.Recipes;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Passes;

public class FusePassTests
{
    [Theory]
    [InlineData("digits_cnn", "digits")]
    [InlineData("digits32_mobilenet", "digits32")]
    public void FusedModelHasFewerNodesAndTheSameLogitsOnTheWholeTestSplit(string model, string data)
    {
        var original = ModelGraph.Load(TestPaths.Model(model));
        var result = Run(original.Clone());
        result.Model.Nodes.Count.Should().BeLessThan(original.Nodes.Count);
        result.Model.Nodes.Should().NotContain(n => n.OpType == "BatchNormalization" || n.OpType == "Identity" || n.OpType == "Constant");
        result.Figures["batch_norms_folded"].Should().BeGreaterThan(0);

        var x = NpyFile.Read(TestPaths.Data(data, "test_x.npy"));
        var before = RunAll(original, x);
        var after = RunAll(result.Model, x);
        after.Length.Should().Be(before.Length);
        var maxDiff = before.Zip(after, (a, b) => Math.Abs(a - b)).Max();
        maxDiff.Should().BeLessThanOrEqualTo(1e-4f);
    }

    [Fact]
    public void IdentityFeedingAGraphOutputRenamesTheProducerInsteadOfChangingTheInterface()
    {
        var model = TinyModel(graph =>
        {
            graph.Node.Add(Node("Relu", ["x"], ["r"]));
            graph.Node.Add(Node("Identity", ["r"], ["y"]));
        });
        var result = Run(new ModelGraph(model));
        result.Model.Nodes.Should().ContainSingle().Which.Output.Should().Equal("y");
        result.Model.Graph.Output.Single().Name.Should().Be("y");
    }

    [Fact]
    public void ConstantNodesBecomeInitializersWithTheSameValues()
    {
        var model = TinyModel(graph =>
        {
            var c = Node("Constant", [], ["c"]);
            c.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = TensorProtoConverter.FromFloat("", [1f, 2f, 3f, 4f], 1, 4) });
            graph.Node.Add(c);
            graph.Node.Add(Node("Add", ["x", "c"], ["y"]));
        });
        var result = Run(new ModelGraph(model));
        result.Model.Nodes.Should().ContainSingle(n => n.OpType == "Add");
        TensorProtoConverter.ToFloatArray(result.Model.GetInitializer("c")!).Should().Equal(1f, 2f, 3f, 4f);
    }

    [Fact]
    public void BatchNormFoldedIntoGemmMatchesTheFormula()
    {
        // y = BN(x W^T + b): gamma 2, beta 1, mean 0.5, var 3, eps 1 -> scale = 2/sqrt(4) = 1.
        var model = TinyModel(graph =>
        {
            graph.Initializer.Add(TensorProtoConverter.FromFloat("W", [1, 2, 3, 4, 5, 6, 7, 8], 2, 4));
            graph.Initializer.Add(TensorProtoConverter.FromFloat("b", [0.5f, -1f], 2));
            graph.Initializer.Add(TensorProtoConverter.FromFloat("gamma", [2f, 4f], 2));
            graph.Initializer.Add(TensorProtoConverter.FromFloat("beta", [1f, 0f], 2));
            graph.Initializer.Add(TensorProtoConverter.FromFloat("mean", [0.5f, 1f], 2));
            graph.Initializer.Add(TensorProtoConverter.FromFloat("var", [3f, 3f], 2));
            var gemm = Node("Gemm", ["x", "W", "b"], ["g"]);
            gemm.SetInt("transB", 1);
            graph.Node.Add(gemm);
            var bn = Node("BatchNormalization", ["g", "gamma", "beta", "mean", "var"], ["y"]);
            bn.SetFloat("epsilon", 1f);
            graph.Node.Add(bn);
        }, outputWidth: 2);
        var result = Run(new ModelGraph(model));
        result.Model.Nodes.Should().ContainSingle().Which.OpType.Should().Be("Gemm");
        var gemmNode = result.Model.Nodes[0];
        // channel 0: scale 1 -> W unchanged, bias (0.5-0.5)*1+1 = 1; channel 1: scale 4/2 = 2 -> W doubled, bias (-1-1)*2+0 = -4.
        TensorProtoConverter.ToFloatArray(result.Model.GetInitializer(gemmNode.Input[1])!).Should().Equal(1, 2, 3, 4, 10, 12, 14, 16);
        TensorProtoConverter.ToFloatArray(result.Model.GetInitializer(gemmNode.Input[2])!).Should().Equal(1f, -4f);
    }

    private static PassResult Run(ModelGraph graph)
    {
        var pass = new FusePass();
        return pass.Run(PassHarness.Context(graph, graph.Clone(), PassOptions.BindOrThrow(pass), DataSets.None));
    }

    private static float[] RunAll(ModelGraph graph, Tensor x)
    {
        using var session = InferenceSession.FromModel(graph.Model);
        var input = graph.RealInputs.Single().Name;
        var outputs = new List<float>();
        for (var start = 0; start < x.Shape[0]; start += 100)
        {
            var batch = x.SliceRows(start, Math.Min(100, x.Shape[0] - start));
            outputs.AddRange(session.Run(new Dictionary<string, Tensor> { [input] = batch }).Values.First().AsFloat());
        }

        return [.. outputs];
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs)
    {
        var n = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        return n;
    }

    private static ModelProto TinyModel(Action<GraphProto> build, int outputWidth = 4)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(ValueInfo("x", 4));
        graph.Output.Add(ValueInfo("y", outputWidth));
        build(graph);
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "test" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    private static ValueInfoProto ValueInfo(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorElementType.Float, Shape = shape } } };
    }
}
