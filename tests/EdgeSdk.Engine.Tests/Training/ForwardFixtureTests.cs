// The training engine's forward pass on every fixture model reproduces the fixture logits (PyTorch's,
// which equal ONNX Runtime's within 1e-4) within 1e-4.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class ForwardFixtureTests
{
    [Theory]
    [InlineData("digits_mlp", "digits")]
    [InlineData("digits_cnn", "digits")]
    [InlineData("digits_transformer", "digits")]
    [InlineData("digits32_mobilenet", "digits32")]
    public void Forward_matches_fixture_logits(string model, string data)
    {
        var graph = new TrainingGraph(ModelGraph.Load(TestPaths.Model(model)));
        // 128 test samples: enough to exercise every operator, cheap enough for a Debug test run.
        var x = NpyFile.Read(TestPaths.Data(data, "test_x.npy")).SliceRows(0, 128);
        var expected = NpyFile.Read(TestPaths.Logits(model)).SliceRows(0, 128).AsFloat();

        var actual = graph.Infer(x);

        actual.Length.Should().Be(expected.Length);
        var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        worst.Should().BeLessThan(1e-4f, $"{model}'s forward pass must match the reference logits");
    }

    [Fact]
    public void Forward_of_folded_cnn_matches_the_unfolded_cnn_logits()
    {
        var graph = new TrainingGraph(ModelGraph.Load(TestPaths.Model("digits_cnn_folded")));
        var x = NpyFile.Read(TestPaths.Data("digits", "test_x.npy"));
        var expected = NpyFile.Read(TestPaths.Logits("digits_cnn")).AsFloat();

        var actual = graph.Infer(x);

        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(1e-3f);
    }
}
