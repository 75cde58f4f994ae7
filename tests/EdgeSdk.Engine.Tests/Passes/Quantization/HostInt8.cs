// What the host's int8 kernels can take, for tests whose expectation depends on the CPU: 8-bit weights
// saturate in ONNX Runtime's u8s8 x86 kernels without VNNI, so those tests quantize with the widest weight
// bits that are safe here (8 with VNNI, 7 without) and assert the same closeness on every x86-64 CPU.
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Engine.Tests.Quantization;

/// <summary>The host's int8 weight-bit rule.</summary>
internal static class HostInt8
{
    /// <summary>Gets the widest safe weight bits on this host (<see cref="Int8WeightSaturation"/>).</summary>
    public static int SafeWeightBits => Int8WeightSaturation.SafeWeightBits(HostTargetProbe.Profile.IsaFeatures);
}
