// The quantize pass on the fixture models (fused first, as recipes do): test accuracy within the issue's
// budgets, and ONNX Runtime's optimized model shows the QDQ groups became integer kernels. Speed is
// measured by the `quantization` benchmark, not here.
using EdgeSdk.Passes.Quantization;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QuantizePassFixtureTests
{
    [Theory]
    [InlineData("digits_cnn", "digits", 256)]
    [InlineData("digits_mlp", "digits", 256)]
    [InlineData("digits32_mobilenet", "digits32", 128)]
    public void StaticInt8StaysWithinHalfAPointOfFloat(string model, string set, long samples)
    {
        var fused = QuantizationTestKit.Fused(model);
        var result = QuantizationTestKit.Quantize(fused, set, QuantizationTestKit.Parameters(("calibration_samples", samples), ("sqnr_samples", 16L)));

        var test = PassHarness.Set(set, "test");
        var floatAccuracy = ClassifierProbe.Run(fused, test, 0, 1).Accuracy;
        var quantAccuracy = ClassifierProbe.Run(result.Model, test, 0, 1).Accuracy;
        quantAccuracy.Should().BeGreaterThanOrEqualTo(floatAccuracy - 0.005 - 1e-9, $"{model}: float {floatAccuracy:P2}, int8 {quantAccuracy:P2}");

        var ops = QuantizationTestKit.OptimizedOps(result.Model);
        var floatOps = fused.OpCounts();
        var convs = floatOps.GetValueOrDefault("Conv");
        ops.GetValueOrDefault("com.microsoft.QLinearConv").Should().Be(Math.Max(0, convs - 1), "every Conv but the 1-channel first one (float under keep_first_layer_float: auto) runs as QLinearConv");
        if (convs > 0)
        {
            result.Tables.Single(t => t.Title == "Layers kept in float").Rows.Should().ContainSingle().Which[2].Should().Contain("keep_first_layer_float: auto");
        }

        ops.Should().NotContainKeys(["Conv", "Relu", "Clip", "com.microsoft.FusedConv"]);
        ops.GetValueOrDefault("com.microsoft.QLinearAdd").Should().Be(floatOps.GetValueOrDefault("Add"), "residual Adds run as QLinearAdd");
        ops.GetValueOrDefault("com.microsoft.QGemm").Should().Be(floatOps.GetValueOrDefault("Gemm"));
        ops.GetValueOrDefault("DequantizeLinear").Should().BeLessThanOrEqualTo(1, "at most the DequantizeLinear in front of a float ReduceMean remains");
        result.Summary.Should().Contain(s => s.StartsWith("target 'host' defaults:", StringComparison.Ordinal));
        result.Tables.Should().Contain(t => t.Title.StartsWith("SQNR", StringComparison.Ordinal));
        result.Figures["sqnr_worst_db"].Should().BeGreaterThan(15);
    }

    [Fact]
    public void DynamicInt8TransformerStaysWithinOnePoint()
    {
        var fused = QuantizationTestKit.Fused("digits_transformer");
        var result = QuantizationTestKit.Quantize(fused, "digits", QuantizationTestKit.Parameters(("mode", "dynamic")));
        var test = PassHarness.Set("digits", "test");
        var floatAccuracy = ClassifierProbe.Run(fused, test, 0, 1).Accuracy;
        ClassifierProbe.Run(result.Model, test, 0, 1).Accuracy.Should().BeGreaterThanOrEqualTo(floatAccuracy - 0.01 - 1e-9);
        QuantizationTestKit.OptimizedOps(result.Model).GetValueOrDefault("com.microsoft.DynamicQuantizeMatMul").Should().Be(10, "all 10 MatMul/Gemm layers fuse into one integer kernel each");
    }

    [Fact]
    public void WeightOnlyFourBitTransformerStaysWithinOnePoint()
    {
        var fused = QuantizationTestKit.Fused("digits_transformer");
        var result = QuantizationTestKit.Quantize(fused, "digits", QuantizationTestKit.Parameters(("mode", "weight_only"), ("block_size", 16L)));
        var test = PassHarness.Set("digits", "test");
        result.Model.OpCounts().GetValueOrDefault("com.microsoft.MatMulNBits").Should().Be(10);
        ClassifierProbe.Run(result.Model, test, 0, 1).Accuracy.Should().BeGreaterThanOrEqualTo(ClassifierProbe.Run(fused, test, 0, 1).Accuracy - 0.01 - 1e-9);
    }

    [Fact]
    public void RecoveryOptionsRunOnTheCnnAndKeepAccuracy()
    {
        var fused = QuantizationTestKit.Fused("digits_cnn");
        var result = QuantizationTestKit.Quantize(fused, "digits", QuantizationTestKit.Parameters(
            ("calibration", "entropy"), ("cross_layer_equalization", true), ("bias_correction", true), ("gptq", true), ("calibration_samples", 64L), ("sqnr_samples", 0L)));
        var test = PassHarness.Set("digits", "test");
        ClassifierProbe.Run(result.Model, test, 0, 1).Accuracy.Should().BeGreaterThanOrEqualTo(ClassifierProbe.Run(fused, test, 0, 1).Accuracy - 0.005 - 1e-9);
        result.Summary.Should().Contain(s => s.Contains("calibration: entropy", StringComparison.Ordinal));
    }
}
