// The pass's contract beyond numbers: target defaults applied and reported, located errors for missing
// calibration data and unknown exclusions, and the accuracy-aware fallback returning exactly the layer
// that was made to fail (or failing the build with an explanation when no set meets the budget).
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Recipes;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QuantizePassBehaviourTests
{
    [Fact]
    public void TargetWithoutVnniGetsSevenBitWeightsAndSaysSo()
    {
        var target = new TargetProfile { Name = "x86-avx2", Quantization = new QuantizationDefaults { ReduceRange = true } };
        var diagnostics = new List<EdgeDiagnostic>();
        var result = QuantizationTestKit.Quantize(QuantizationTestKit.Fused("digits_mlp"), "digits", QuantizationTestKit.Parameters(("calibration_samples", 64L), ("sqnr_samples", 0L)), target: target, diagnostics: diagnostics);

        result.Summary.Should().Contain(s => s.Contains("weight_bits=7", StringComparison.Ordinal) && s.Contains("VNNI", StringComparison.Ordinal));
        diagnostics.Should().Contain(d => d.Code == DiagnosticCatalog.Quantization.TargetDefaultsApplied.Code);
        var weights = result.Model.Graph.Initializer.Where(t => t.DataType == (int)Tensors.TensorElementType.Int8 && t.Dims.Count == 2).ToList();
        weights.Should().NotBeEmpty();
        weights.SelectMany(t => TensorProtoConverter.ToInt64Array(t)).Should().OnlyContain(v => v >= -63 && v <= 63);
    }

    [Fact]
    public void StaticWithoutCalibrationDataIsEdge2101()
    {
        var pass = PassCatalog.Find("quantize")!;
        var fused = QuantizationTestKit.Fused("digits_mlp");
        var act = () => pass.Run(PassHarness.Context(fused, fused, QuantizationTestKit.Parameters(), DataSets.None));
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be(DiagnosticCatalog.Quantization.CalibrationDataMissing.Code);
        pass.RequiredData(QuantizationTestKit.Parameters()).Should().Be(DataRequirement.Calibration);
        pass.RequiredData(QuantizationTestKit.Parameters(("mode", "dynamic"))).Should().Be(DataRequirement.None);
    }

    [Fact]
    public void UnknownExcludedNodeIsEdge2103WithASuggestion()
    {
        var act = () => QuantizationTestKit.Quantize(QuantizationTestKit.Fused("digits_mlp"), "digits", QuantizationTestKit.Parameters(("exclude_nodes", new[] { "/layers.0/Gem" })));
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Quantization.UnknownExclusion.Code && d.Message.Contains("did you mean '/layers.0/Gemm'"));
    }

    [Fact]
    public void FallbackReturnsTheLayerThatWasMadeToFail()
    {
        var model = QuantizationTestKit.SabotagedDigitsMlp();
        var goal = new AccuracyGoal("accuracy", 0.005, false, null);
        var result = QuantizationTestKit.Quantize(model, "digits", QuantizationTestKit.Parameters(("per_channel", false), ("calibration_samples", 128L), ("sqnr_samples", 0L)), goals: [goal]);

        result.Figures["fallback_float_layers"].Should().Be(1);
        result.Figures["fallback_quantized_accuracy"].Should().BeLessThan(result.Figures["fallback_baseline_accuracy"] - 0.02, "the sabotaged layer really breaks per-tensor quantization");
        result.Figures["fallback_final_accuracy"].Should().BeGreaterThanOrEqualTo(result.Figures["fallback_baseline_accuracy"] - 0.005);
        result.Summary.Should().Contain(s => s.Contains("returned 1 layer(s) to float (/layers.0/Gemm)", StringComparison.Ordinal));
        result.Tables.Should().Contain(t => t.Title == "Layers kept in float").Which.Rows.Should().ContainSingle(r => r[0] == "/layers.0/Gemm" && r[2].StartsWith("accuracy fallback", StringComparison.Ordinal));
        result.Model.Nodes.Should().Contain(n => n.Name == "/layers.0/Gemm" && n.OpType == "Gemm" && n.Input[1] == "layers.0.weight", "that layer keeps its float weight");
    }

    [Fact]
    public void NoFallbackSetMeetingTheBudgetIsEdge2107WithTheLayersTried()
    {
        var goal = new AccuracyGoal("accuracy", 0.005, false, null);
        var act = () => QuantizationTestKit.Quantize(QuantizationTestKit.SabotagedDigitsMlp(), "digits", QuantizationTestKit.Parameters(("per_channel", false), ("calibration_samples", 128L), ("sqnr_samples", 0L), ("fallback_max_layers", 0L)), goals: [goal]);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Quantization.AccuracyBudgetMissed.Code && d.Message.Contains("misses the budget"));
    }

    [Fact]
    public void SameInputsGiveByteIdenticalModels()
    {
        var fused = QuantizationTestKit.Fused("digits_cnn");
        var parameters = QuantizationTestKit.Parameters(("calibration", "percentile"), ("calibration_samples", 64L), ("sqnr_samples", 0L), ("bias_correction", true));
        var first = ModelFile.ToBytes(QuantizationTestKit.Quantize(fused, "digits", parameters).Model.Model);
        var second = ModelFile.ToBytes(QuantizationTestKit.Quantize(fused, "digits", parameters).Model.Model);
        second.Should().Equal(first);
    }
}
