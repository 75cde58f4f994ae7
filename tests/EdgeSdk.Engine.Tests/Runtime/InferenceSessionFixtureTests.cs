// Runs every fixture model through the binding and compares with PyTorch's logits and labels, and checks
// that ModelFile's load/save round-trip does not change what ORT computes.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class InferenceSessionFixtureTests
{
    public static TheoryData<string, string> ModelsWithLogits() => ToTheory(FixtureModels.WithLogits);

    public static TheoryData<string, string> AllModels() => ToTheory(FixtureModels.All);

    [Theory]
    [MemberData(nameof(ModelsWithLogits))]
    public void Reproduces_pytorch_logits_within_1e4(string model, string dataSet)
    {
        using var session = InferenceSession.FromFile(TestPaths.Model(model));
        var x = FixtureModels.TestX(dataSet);
        var expected = NpyFile.Read(TestPaths.Logits(model)).AsFloat();

        var outputs = session.Run(FixtureModels.Feed(session, x));

        var actual = outputs[session.Outputs[0].Name];
        actual.Shape[0].Should().Be(x.Shape[0]);
        actual.Length.Should().Be(expected.Length);
        var logits = actual.AsFloat();
        var worst = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(logits[i] - expected[i]));
        worst.Should().BeLessThan(1e-4f, $"{model} must reproduce PyTorch's logits");
    }

    [Fact]
    public void Breast_cancer_mlp_reaches_its_accuracy()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("breast_cancer_mlp"));
        var x = FixtureModels.TestX("breast_cancer");
        var y = NpyFile.Read(TestPaths.Data("breast_cancer", "test_y.npy")).AsInt64();

        var logits = session.Run(FixtureModels.Feed(session, x))[session.Outputs[0].Name];

        var classes = (int)logits.Shape[^1];
        var predicted = FixtureModels.ArgMax(logits.AsFloat(), classes);
        var accuracy = predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
        accuracy.Should().BeGreaterThanOrEqualTo(0.97);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Save_and_reload_gives_bit_identical_outputs(string model, string dataSet)
    {
        var dir = TestPaths.NewTempDir("runtime-roundtrip");
        try
        {
            var resaved = Path.Combine(dir, model + ".onnx");
            ModelFile.Save(ModelFile.Load(TestPaths.Model(model)), resaved);
            var x = FixtureModels.TestX(dataSet).SliceRows(0, 64);
            using var original = InferenceSession.FromFile(TestPaths.Model(model));
            using var reloaded = InferenceSession.FromFile(resaved);

            var a = original.Run(FixtureModels.Feed(original, x));
            var b = reloaded.Run(FixtureModels.Feed(reloaded, x));

            b.Keys.Should().Equal(a.Keys);
            foreach (var name in a.Keys)
            {
                b[name].Shape.Should().Equal(a[name].Shape);
                b[name].AsFloat().Should().Equal(a[name].AsFloat(), $"output '{name}' of {model} must be bit-identical");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static TheoryData<string, string> ToTheory((string Model, string DataSet)[] rows)
    {
        var data = new TheoryData<string, string>();
        foreach (var (model, dataSet) in rows)
        {
            data.Add(model, dataSet);
        }

        return data;
    }
}
