// The fixed vocabularies of target profiles: ISA feature names and ONNX Runtime execution provider
// names. Profiles and recipe overrides are checked against them so that a typo cannot silently switch
// off a quantization default.
using EdgeSdk.Targets;

namespace EdgeSdk.Recipes;

/// <summary>Known ISA features and execution providers.</summary>
internal static class TargetVocabulary
{
    /// <summary>ISA feature names (lower case, as Linux /proc/cpuinfo and compilers spell them where possible).</summary>
    public static readonly IReadOnlyList<string> IsaFeatures =
    [
        // Arm A-profile
        "neon", "fp16", "dotprod", "i8mm", "bf16", "sve", "sve2", "sme",
        // Arm M-profile
        "dsp", "fpu_sp", "fpu_dp", "helium",
        // x86-64
        "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8", "amx_bf16",
        // GPUs
        "cuda", "tensor_cores",
        // Apple
        "amx_apple", "ane",
    ];

    /// <summary>Execution provider names a profile may write: short names (<c>xnnpack</c>) and ONNX Runtime's (<c>XnnpackExecutionProvider</c>).</summary>
    public static readonly IReadOnlyList<string> ExecutionProviders = ExecutionProviderNames.Accepted;

    /// <summary>Quantized activation types.</summary>
    public static readonly IReadOnlyList<string> ActivationTypes = ["uint8", "int8"];
}
