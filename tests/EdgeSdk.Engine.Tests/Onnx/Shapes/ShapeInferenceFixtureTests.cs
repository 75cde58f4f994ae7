using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.Shapes;

public class ShapeInferenceFixtureTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "breast_cancer_mlp", "digits32_mobilenet", "digits_cnn", "digits_cnn_folded", "digits_mlp", "digits_student_mlp_untrained", "digits_transformer",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryValueOfEveryFixtureHasAFullyInferredShapeAndOutputsMatchTheDeclaredOnes(string name)
    {
        var graph = ModelGraph.Load(TestPaths.Model(name));
        var result = ShapeInference.Infer(graph);
        foreach (var output in graph.Nodes.SelectMany(n => n.Output))
        {
            var type = result[output];
            type.ElementType.Should().NotBe(EdgeSdk.Tensors.TensorElementType.Undefined, output);
            type.Shape.Should().NotBeNull(output);
            type.Shape!.Where(d => d.IsUnknown).Should().BeEmpty($"{output} is {type}");
        }

        foreach (var declared in graph.Graph.Output)
        {
            result[declared.Name].Should().Be(InferredType.FromProto(declared.Type));
        }
    }

    [Fact]
    public void TransformerReshapeTargetsBuiltFromShapeSubgraphsAreFoldedWithTheSymbolicBatch()
    {
        var result = ShapeInference.Infer(ModelGraph.Load(TestPaths.Model("digits_transformer")));
        result["/Reshape_output_0"].ToString().Should().Be("float[batch,8,8]");
        result.FoldedOf("/blocks/blocks.0/att/Concat_output_0")!.Elements.Select(e => e.ToString()).Should().Equal("batch", "8", "4", "16");
        result["/blocks/blocks.0/att/Reshape_output_0"].ToString().Should().Be("float[batch,8,4,16]");
        result["/blocks/blocks.0/att/Transpose_2_output_0"].ToString().Should().Be("float[batch,4,16,8]");
        result["/blocks/blocks.0/att/MatMul_output_0"].ToString().Should().Be("float[batch,4,8,8]");
        result["/blocks/blocks.0/att/Reshape_3_output_0"].ToString().Should().Be("float[batch,8,64]");
        result["/blocks/blocks.0/att/Split_output_2"].ToString().Should().Be("float[batch,8,64]");
        result["/blocks/blocks.0/att/Gather_output_0"].ToString().Should().Be("int64[]");
        result["logits"].ToString().Should().Be("float[batch,10]");
    }

    [Fact]
    public void CnnShapesFollowConvPoolAndGemmArithmetic()
    {
        var result = ShapeInference.Infer(ModelGraph.Load(TestPaths.Model("digits_cnn")));
        result["/c2/Conv_output_0"].ToString().Should().Be("float[batch,64,8,8]");
        result["/MaxPool_output_0"].ToString().Should().Be("float[batch,64,4,4]");
        result["/GlobalAveragePool_output_0"].ToString().Should().Be("float[batch,128,1,1]");
        result["/Flatten_output_0"].ToString().Should().Be("float[batch,128]");
        result["logits"].ToString().Should().Be("float[batch,10]");
    }

    [Fact]
    public void MobileNetStridedDepthwiseConvsHalveTheResolution()
    {
        var result = ShapeInference.Infer(ModelGraph.Load(TestPaths.Model("digits32_mobilenet")));
        result["/features/features.4/body/body.3/Conv_output_0"].ToString().Should().Be("float[batch,96,16,16]");
        result["/features/features.9/body/body.3/Conv_output_0"].ToString().Should().Be("float[batch,192,4,4]");
        result["/ReduceMean_output_0"].ToString().Should().Be("float[batch,320]");
    }

    [Fact]
    public void InputShapeOverridesMakeEveryShapeConcrete()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_transformer"));
        var result = ShapeInference.Infer(graph, new Dictionary<string, long[]> { ["input"] = [3, 1, 8, 8] });
        result["logits"].KnownDims().Should().Equal(3, 10);
        result["/blocks/blocks.1/att/Softmax_output_0"].KnownDims().Should().Equal(3, 4, 8, 8);
        graph.Nodes.SelectMany(n => n.Output).Should().OnlyContain(o => result[o].IsFullyKnown);
    }

    [Fact]
    public void WriteValueInfoRecordsIntermediatesButNotGraphOutputs()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_cnn"));
        var result = ShapeInference.Infer(graph);
        ShapeInference.WriteValueInfo(graph, result);
        var info = graph.Graph.ValueInfo.ToDictionary(v => v.Name);
        InferredType.FromProto(info["/MaxPool_output_0"].Type).ToString().Should().Be("float[batch,64,4,4]");
        info.Should().NotContainKey("logits");
        var reloaded = ShapeInference.Infer(new ModelGraph(ModelFile.Parse(ModelFile.ToBytes(graph.Model))));
        reloaded["/MaxPool_output_0"].Should().Be(result["/MaxPool_output_0"]);
    }
}
