using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx;

public class ModelFileTests
{
    [Theory]
    [InlineData("digits_mlp")]
    [InlineData("digits_cnn")]
    [InlineData("digits_cnn_folded")]
    [InlineData("digits_transformer")]
    [InlineData("digits32_mobilenet")]
    [InlineData("digits_student_mlp_untrained")]
    [InlineData("breast_cancer_mlp")]
    public void LoadThenSaveGivesAnEqualMessage(string name)
    {
        var model = ModelFile.Load(TestPaths.Model(name));
        var reparsed = ModelFile.Parse(ModelFile.ToBytes(model));
        reparsed.Should().Be(model);
        model.Graph.Node.Count.Should().BeGreaterThan(0);
    }

    [Fact]
    public void TruncatedModelIsAnEdge4001ErrorNamingTheFile()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "broken.onnx");
        var bytes = File.ReadAllBytes(TestPaths.Model("digits_mlp"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var act = () => ModelFile.Load(path);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE4001" && d.Message.Contains("broken.onnx"));
    }

    [Fact]
    public void SaveReplacesAtomicallyAndLeavesNoTempFile()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "m.onnx");
        var model = ModelFile.Load(TestPaths.Model("digits_mlp"));
        ModelFile.Save(model, path);
        ModelFile.Save(model, path);
        Directory.GetFiles(dir).Should().ContainSingle().Which.Should().Be(path);
        File.ReadAllBytes(path).Should().Equal(ModelFile.ToBytes(model));
    }

    [Fact]
    public void TopologicalOrderPutsProducersFirst()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_transformer"));
        var seen = new HashSet<string>(graph.Graph.Input.Select(i => i.Name).Concat(graph.Initializers.Keys)) { string.Empty };
        foreach (var node in graph.TopologicalOrder())
        {
            node.Input.Where(i => graph.Producer(i) is not null).All(seen.Contains).Should().BeTrue(node.Name);
            seen.UnionWith(node.Output);
        }
    }
}
