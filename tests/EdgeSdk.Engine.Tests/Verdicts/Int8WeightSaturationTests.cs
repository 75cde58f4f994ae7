// The rule that decides whether 8-bit int8 weights are safe on a CPU, on injected ISA lists (so both kinds
// of x86 machine are covered whatever this host is): x86 without VNNI saturates; VNNI, AVX-VNNI, AMX and
// Arm do not; the host profile's quantization defaults follow the same rule.
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class Int8WeightSaturationTests
{
    [Theory]
    [InlineData("sse4_2 avx avx2 fma f16c", true, 7)]                             // AVX2-only EPYC
    [InlineData("sse4_2 avx avx2 fma avx512f avx512bw avx512vl avx512_vnni", false, 8)]
    [InlineData("sse4_2 avx avx2 fma avx_vnni", false, 8)]                         // Alder Lake AVX-VNNI
    [InlineData("neon fp16 dotprod", false, 8)]                                    // Arm: no u8s8 int16 path
    [InlineData("", false, 8)]                                                     // unknown: nothing to warn about
    public void EightBitWeightsSaturateOnX86WithoutVnni(string features, bool saturates, int safeBits)
    {
        var isa = features.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Int8WeightSaturation.Saturates(isa).Should().Be(saturates);
        Int8WeightSaturation.SafeWeightBits(isa).Should().Be(safeBits);
        HostTargetProbe.QuantizationFor(isa).Should().Be(new QuantizationDefaults { WeightBits = safeBits, ReduceRange = saturates });
    }

    [Fact]
    public void TheHostProfileFollowsTheRule()
    {
        var host = HostTargetProbe.Profile;
        host.Quantization.WeightBits.Should().Be(Int8WeightSaturation.SafeWeightBits(host.IsaFeatures));
    }
}
