// The host profile: ISA features come from /proc/cpuinfo flags, and x86 CPUs without VNNI get
// reduce_range with 7-bit weights while VNNI and Arm CPUs keep full 8-bit weights.
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class HostTargetProbeTests
{
    [Fact]
    public void CpuInfoFlagsMapToFeatureNames()
    {
        HostTargetProbe.FeaturesFromCpuInfoFlags(["fpu", "sse4_2", "avx2", "fma", "avx512f", "avx512_vnni"]).Should().Equal("sse4_2", "avx2", "fma", "avx512f", "avx512_vnni");
        HostTargetProbe.FeaturesFromCpuInfoFlags(["fp", "asimd", "asimdhp", "asimddp", "i8mm"]).Should().Equal("neon", "fp16", "dotprod", "i8mm");
    }

    [Fact]
    public void QuantizationDefaultsFollowVnni()
    {
        HostTargetProbe.QuantizationFor(["sse4_2", "avx2"]).Should().Be(new QuantizationDefaults { WeightBits = 7, ReduceRange = true });
        HostTargetProbe.QuantizationFor(["sse4_2", "avx2", "avx_vnni"]).Should().Be(new QuantizationDefaults());
        HostTargetProbe.QuantizationFor(["neon", "dotprod"]).Should().Be(new QuantizationDefaults());
    }

    [Fact]
    public void HostProfileDescribesThisMachine()
    {
        var host = TargetProfile.Host;

        host.Name.Should().Be("host");
        host.Cores.Should().Be(Environment.ProcessorCount);
        host.IsaFeatures.Should().OnlyContain(f => TargetVocabulary.IsaFeatures.Contains(f));
        host.Quantization.Should().Be(HostTargetProbe.QuantizationFor(host.IsaFeatures));
    }
}
