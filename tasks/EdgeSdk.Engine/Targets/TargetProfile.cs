// A device target as passes and gates see it. Profiles are YAML files under targets/ (see
// targets/README.md); the recipe names one and may override fields.
using EdgeSdk.Recipes;

namespace EdgeSdk.Targets;

/// <summary>Quantization defaults that suit a target's CPU and runtime.</summary>
internal sealed record QuantizationDefaults
{
    /// <summary>Gets the weight bit width (7 where int8 dot products without VNNI would saturate).</summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Gets whether to use ONNX Runtime's reduce_range (7-bit weights) on CPUs without VNNI.</summary>
    public bool ReduceRange { get; init; }

    /// <summary>Gets the activation type: <c>uint8</c> or <c>int8</c>.</summary>
    public string ActivationType { get; init; } = "uint8";

    /// <summary>Gets whether activations must be symmetric.</summary>
    public bool ActivationSymmetric { get; init; }

    /// <summary>Gets whether weights are quantized per output channel.</summary>
    public bool PerChannel { get; init; } = true;
}

/// <summary>A device profile.</summary>
internal sealed record TargetProfile
{
    /// <summary>Gets the profile's name, e.g. <c>x86-avx2</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets a human-readable description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets the ISA features (neon, dotprod, i8mm, avx2, avx512_vnni …).</summary>
    public IReadOnlyList<string> IsaFeatures { get; init; } = [];

    /// <summary>Gets the core count.</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Gets the clock in GHz.</summary>
    public double ClockGHz { get; init; }

    /// <summary>Gets the RAM in bytes.</summary>
    public long RamBytes { get; init; }

    /// <summary>Gets the storage in bytes.</summary>
    public long StorageBytes { get; init; }

    /// <summary>Gets the peak fp32 throughput in GFLOP/s.</summary>
    public double PeakFp32Gflops { get; init; }

    /// <summary>Gets the peak int8 throughput in GOP/s.</summary>
    public double PeakInt8Gops { get; init; }

    /// <summary>Gets the memory bandwidth in GB/s.</summary>
    public double MemoryBandwidthGBps { get; init; }

    /// <summary>Gets the ONNX Runtime execution providers that serve the target.</summary>
    public IReadOnlyList<string> ExecutionProviders { get; init; } = ["CPUExecutionProvider"];

    /// <summary>Gets the quantization defaults for the target.</summary>
    public QuantizationDefaults Quantization { get; init; } = new();

    /// <summary>Gets the public source of each figure, by profile key (e.g. <c>peak_fp32</c> → datasheet URL).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the profile file the target was read from, or null for built-in and inline profiles.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Returns whether the target has an ISA feature (case-insensitive), e.g. <c>HasFeature("avx512_vnni")</c>.</summary>
    public bool HasFeature(string feature) => IsaFeatures.Contains(feature, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a profile for the machine running the build (used when a recipe names no target); see <see cref="HostTargetProbe"/>.</summary>
    public static TargetProfile Host => HostTargetProbe.Profile;
}
