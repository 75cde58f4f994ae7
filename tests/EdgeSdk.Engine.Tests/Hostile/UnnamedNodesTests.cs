// A valid model whose nodes have no names (onnx.helper.make_node's default) goes through static
// quantization like a named one: before the fix it crashed with KeyNotFoundException in QdqGraphWriter.
using EdgeSdk.Onnx;

namespace EdgeSdk.Engine.Tests.Hostile;

public sealed class UnnamedNodesTests
{
    [Fact]
    public void StaticQuantizeOfAnUnnamedModelQuantizesAndKeepsAccuracy()
    {
        var result = PipelineKit.Run(PipelineKit.Unnamed("digits_cnn"), "  - fuse\n  - quantize: {mode: static}");

        result.StepsRun.Should().Equal(1, 2);
        var final = ModelGraph.Load(Path.Combine(result.OutputDirectory, "model.onnx"));
        final.Nodes.Count(n => n.OpType == "QuantizeLinear").Should().BeGreaterThan(2);
        final.Nodes.Select(n => n.Name).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        var manifest = result.Finish.Manifest;
        manifest.Final.Metrics["accuracy"].Should().BeGreaterThan(manifest.Baseline.Metrics["accuracy"] - 0.02);
    }

    [Fact]
    public void NamingIsDeterministicAndKeepsExistingNames()
    {
        var model = PipelineKit.Unnamed("digits_mlp");
        model.Graph.Node[0].Name = "kept";
        model.Graph.Node[1].Name = "kept";
        var a = new ModelGraph(model.Clone());
        var b = new ModelGraph(model.Clone());

        NodeNames.EnsureUnique(a).Should().Be(model.Graph.Node.Count - 1);
        NodeNames.EnsureUnique(b);

        a.Nodes[0].Name.Should().Be("kept");
        a.Nodes[1].Name.Should().Be("kept_1");
        a.Nodes.Select(n => n.Name).Should().Equal(b.Nodes.Select(n => n.Name)).And.OnlyHaveUniqueItems();
        NodeNames.EnsureUnique(a).Should().Be(0, "a named graph is left alone");
    }
}
