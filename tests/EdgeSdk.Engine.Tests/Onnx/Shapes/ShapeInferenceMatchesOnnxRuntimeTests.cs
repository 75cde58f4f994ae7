using EdgeSdk.Onnx;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.Shapes;

public class ShapeInferenceMatchesOnnxRuntimeTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "breast_cancer_mlp", "digits32_mobilenet", "digits_cnn", "digits_cnn_folded", "digits_mlp", "digits_student_mlp_untrained", "digits_transformer",
    };

    public static TheoryData<string> Zoo
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in ShapeZoo.Models.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryIntermediateOfEveryFixtureHasTheShapeOrtProduces(string name)
    {
        var compared = OrtShapeOracle.Verify(ModelFile.Load(TestPaths.Model(name)), new Dictionary<string, long> { ["batch"] = 3 });
        compared.Should().BeGreaterThan(5);
    }

    [Theory]
    [MemberData(nameof(Zoo))]
    public void EveryRuleOfTheZooHasTheShapeOrtProduces(string name)
    {
        // A product of a symbol and a number (batch*12) has no symbol of its own, so it is unknown by design.
        var compared = OrtShapeOracle.Verify(ShapeZoo.Models[name](), ShapeZoo.Symbols, expectedUnknown: new HashSet<string> { "r1", "f1", "f2" });
        compared.Should().BeGreaterThan(3);
    }
}
