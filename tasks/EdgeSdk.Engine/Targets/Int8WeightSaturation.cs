// The one rule for when 8-bit int8 weights are unsafe on a CPU: ONNX Runtime's x86 int8 kernels multiply
// uint8 activations by int8 weights; without AVX-512 VNNI or AVX-VNNI they add pairs of products into
// saturating int16 (VPMADDUBSW), so full 8-bit weights can overflow and give wrong outputs. 7-bit weights
// (reduce_range) cannot. With VNNI the products go straight to int32 and 8 bits are safe; Arm is unaffected.
// The host profile's defaults, the quantize pass's warning and the ISA-dependent tests all use this rule.
using EdgeSdk.Recipes;

namespace EdgeSdk.Targets;

/// <summary>Whether 8-bit weights saturate in the u8s8 integer kernels of a CPU.</summary>
internal static class Int8WeightSaturation
{
    /// <summary>Returns whether a CPU with <paramref name="isaFeatures"/> (EdgeSdk feature names, as in target profiles) saturates 8-bit weights: x86 without VNNI.</summary>
    public static bool Saturates(IReadOnlyCollection<string> isaFeatures)
    {
        var x86 = isaFeatures.Any(f => f is "sse4_2" or "avx" or "avx2" or "avx512f" || f.StartsWith("avx", StringComparison.Ordinal));
        var vnni = isaFeatures.Contains("avx512_vnni") || isaFeatures.Contains("avx_vnni") || isaFeatures.Contains("amx_int8");
        return x86 && !vnni;
    }

    /// <summary>Returns the widest weight bits that are safe on such a CPU: 7 when 8-bit weights saturate, else 8.</summary>
    public static int SafeWeightBits(IReadOnlyCollection<string> isaFeatures) => Saturates(isaFeatures) ? 7 : 8;
}
