// The automatic opset upgrade (EDGE2112) runs before every quantizing pass, not only static quantize: a graph-builder
// MLP at opset 11 through `quantize: {mode: dynamic}` and `{mode: weight_only}`, and a trained model at opset 11
// through `qat` (which places QDQ pairs as static quantize does, per channel, and before refused nothing and wrote
// per-axis DequantizeLinear into an opset-11 model that ONNX Runtime cannot load), comes out at opset 13+, says so in its
// summary and as EDGE2112, runs in ONNX Runtime, and its outputs stay close to the original's.
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Training;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Quantization;

public sealed class OpsetUpgradeModesTests
{
    /// <summary>Flatten (the 8×8 digits) → 64 → 128 → 64 → 10 (MatMul+Add, Relu, MatMul+Add, Relu, Gemm) at <paramref name="opset"/>, He-scaled seeded weights.</summary>
    private static ModelGraph Mlp(long opset)
    {
        var b = new OnnxModelBuilder(opset: opset, irVersion: 6, seed: 7);
        b.Input("input", "N,1,8,8").Output("logits", "N,10");
        b.Node("Flatten", ["input"], "flat", "flatten").SetInt("axis", 1);
        var random = new Random(11);
        float[] Values(long fanIn, long count) => [.. Enumerable.Range(0, (int)count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * Math.Sqrt(6.0 / fanIn)))];
        string Dense(string name, string input, long fanIn, long fanOut)
        {
            b.Floats(name + ".w", [fanIn, fanOut], Values(fanIn, fanIn * fanOut));
            b.Floats(name + ".b", [fanOut], Values(fanIn, fanOut));
            b.Node("MatMul", [input, name + ".w"], name + ".mm");
            b.Node("Add", [name + ".mm", name + ".b"], name + ".add");
            return b.Node("Relu", [name + ".add"], name + ".out").Output[0];
        }

        var h = Dense("fc2", Dense("fc1", "flat", 64, 128), 128, 64);
        b.Floats("head.w", [64, 10], Values(64, 640));
        b.Floats("head.b", [10], Values(64, 10));
        b.Node("Gemm", [h, "head.w", "head.b"], "logits", "head");
        return b.ToGraph();
    }

    [Theory]
    [InlineData("dynamic", 0.1, 0.9)]
    [InlineData("weight_only", 0.25, 0.8)]
    public void QuantizeUpgradesAnOpset11ModelAndItsOutputsStayClose(string mode, double relativeError, double agreement)
    {
        var model = Mlp(11);
        var diagnostics = new List<EdgeDiagnostic>();

        var result = QuantizationTestKit.Quantize(model, "digits", QuantizationTestKit.Parameters(("mode", mode)), diagnostics: diagnostics);

        result.Model.OpsetVersion.Should().BeGreaterThanOrEqualTo(13);
        result.Summary.Should().ContainSingle(s => s.Contains("upgraded the model from opset 11 to 13", StringComparison.Ordinal), string.Join(" | ", result.Summary));
        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Quantization.OpsetUpgraded.Code);
        var expected = mode == "dynamic" ? new[] { "DynamicQuantizeLinear", "MatMulInteger" } : ["MatMulNBits"];
        result.Model.Nodes.Select(n => n.OpType).Should().Contain(t => expected.Contains(t), "the model was quantized in that mode");
        AssertClose(model, result.Model, relativeError, agreement);
    }

    [Fact]
    public void QatUpgradesAnOpset11ModelFirstAndItsOutputsStayClose()
    {
        var model = QuantizationTestKit.Fused("digits_mlp").Clone();
        model.Model.OpsetImport.Single(o => o.Domain.Length == 0).Version = 11;
        var diagnostics = new List<EdgeDiagnostic>();

        var qat = new QatPass();
        var result = qat.Run(PassHarness.Context(model.Clone(), model, PassHarness.Bind(qat, new() { ["epochs"] = 1L }), PassHarness.Fixture("digits"), diagnostics: diagnostics));

        result.Model.OpsetVersion.Should().BeGreaterThanOrEqualTo(13);
        result.Model.Nodes.Should().Contain(n => n.OpType == "QuantizeLinear");
        result.Summary.Should().Contain(s => s.Contains("upgraded the model from opset 11 to 13", StringComparison.Ordinal), string.Join(" | ", result.Summary));
        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Quantization.OpsetUpgraded.Code);
        AssertClose(model, result.Model, 0.5, 0.9); // trained on: the logits move, the decisions barely
    }

    /// <summary>Runs both models in ONNX Runtime on 200 digits test samples: the largest logit difference relative to the original's largest logit, and top-1 agreement.</summary>
    private static void AssertClose(ModelGraph original, ModelGraph quantized, double relativeError, double agreement)
    {
        var input = PassHarness.Set("digits", "test").Batches(200).First().Inputs["input"];
        var name = original.Graph.Output[0].Name;
        float[] Run(ModelGraph m)
        {
            using var session = InferenceSession.FromModel(m.Model);
            return session.Run(new Dictionary<string, Tensor> { ["input"] = input }, [name])[name].AsFloat();
        }

        var (f, q) = (Run(original), Run(quantized));
        q.Length.Should().Be(f.Length);
        var scale = f.Max(v => Math.Abs(v));
        var worst = f.Zip(q, (a, b) => Math.Abs(a - b)).Max();
        ((double)worst / scale).Should().BeLessThan(relativeError, $"largest difference {worst:G4} against a largest logit of {scale:G4}");
        var classes = original.Graph.Output[0].Type.TensorType.Shape.Dim[^1].DimValue is > 0 and var c ? (int)c : 10;
        int ArgMax(float[] v, int row) => Enumerable.Range(0, classes).MaxBy(k => v[(row * classes) + k]);
        var rows = f.Length / classes;
        var same = Enumerable.Range(0, rows).Count(r => ArgMax(f, r) == ArgMax(q, r));
        ((double)same / rows).Should().BeGreaterThanOrEqualTo(agreement);
    }
}
