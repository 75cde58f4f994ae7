// A recipe that forces 8-bit weights where ONNX Runtime's x86 int8 kernels lack VNNI (the target's CPU or
// the host that evaluates the build) gets a warning with a stable code naming the saturation risk, in
// static and in dynamic mode; 7-bit weights, weight-only 4-bit and VNNI CPUs get none. Target and host ISA
// are injected, so the test says the same on every machine.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;

namespace EdgeSdk.Engine.Tests.Quantization;

public sealed class WeightSaturationWarningTests
{
    private static readonly TargetProfile Avx2Host = new() { Name = "host", Description = "AMD EPYC 7B13 (test)", IsaFeatures = ["sse4_2", "avx", "avx2", "fma"] };
    private static readonly TargetProfile VnniHost = new() { Name = "host", Description = "Xeon with VNNI (test)", IsaFeatures = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni"] };
    private static readonly TargetProfile VnniTarget = new() { Name = "x86-avx512-vnni", IsaFeatures = ["sse4_2", "avx", "avx2", "avx512f", "avx512_vnni"] };
    private static readonly TargetProfile Avx2Target = new() { Name = "x86-avx2", IsaFeatures = ["sse4_2", "avx", "avx2", "fma"], Quantization = new QuantizationDefaults { ReduceRange = true } };

    [Theory]
    [InlineData("static")]
    [InlineData("dynamic")]
    public void EightBitWeightsOnAHostWithoutVnniWarnNamingTheSaturationRisk(string mode)
    {
        var diagnostics = Run(mode, VnniTarget, Avx2Host, ("weight_bits", 8L));

        var warning = diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Quantization.WeightSaturationRisk.Code).Which;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain($"quantize ({mode})").And.Contain("weight_bits: 8").And.Contain("saturat").And.Contain("AMD EPYC 7B13 (test)").And.Contain("avx2").And.Contain("reduce_range: true");
    }

    [Theory]
    [InlineData("static")]
    [InlineData("dynamic")]
    public void ReduceRangeFalseOnATargetWithoutVnniWarnsEvenOnAVnniHost(string mode)
    {
        var diagnostics = Run(mode, Avx2Target, VnniHost, ("reduce_range", false));

        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Quantization.WeightSaturationRisk.Code)
            .Which.Message.Should().Contain("reduce_range: false").And.Contain("target 'x86-avx2'").And.NotContain("Xeon with VNNI");
    }

    [Theory]
    [InlineData("static", "avx2", "weight_bits", 7L)]     // 7-bit weights cannot saturate
    [InlineData("dynamic", "avx2", "reduce_range", true)]
    [InlineData("static", "vnni", "weight_bits", 8L)]     // VNNI target on a VNNI host: safe
    [InlineData("dynamic", "vnni", "weight_bits", 8L)]
    [InlineData("static", "avx2", null, null)]            // the target's own default (7 bits without VNNI)
    public void SafeWeightsOrVnniCpusGetNoWarning(string mode, string cpu, string? key, object? value)
    {
        var (target, host) = cpu == "vnni" ? (VnniTarget, VnniHost) : (Avx2Target, Avx2Host);
        var diagnostics = key is null ? Run(mode, target, host) : Run(mode, target, host, (key, value!));

        diagnostics.Should().NotContain(d => d.Code == DiagnosticCatalog.Quantization.WeightSaturationRisk.Code);
    }

    private static List<EdgeDiagnostic> Run(string mode, TargetProfile target, TargetProfile host, params (string Name, object Value)[] options)
    {
        var diagnostics = new List<EdgeDiagnostic>();
        var fused = QuantizationTestKit.Fused("digits_mlp");
        var parameters = QuantizationTestKit.Parameters([("mode", mode), ("calibration_samples", 32L), ("sqnr_samples", 0L), ("fallback", false), .. options]);
        PassCatalog.Find("quantize")!.Run(PassHarness.Context(fused.Clone(), fused, parameters, new DataSets(PassHarness.Set("digits", "train"), null, null), target: target, diagnostics: diagnostics, host: host));
        return diagnostics;
    }
}
