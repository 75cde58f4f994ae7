// Describes the machine running the build as a target profile (`target: host`, the default): ISA features
// from /proc/cpuinfo (or .NET's intrinsics where that is unavailable), core count and memory, and the
// quantization defaults that follow from them (reduce_range on x86 without VNNI). Peak figures are left
// at 0 (unknown): they are not measured.
using EdgeSdk.Recipes;
using EdgeSdk.Targets;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeSdk.Targets;

/// <summary>Builds the <c>host</c> target profile.</summary>
internal static class HostTargetProbe
{
    private static readonly Lazy<TargetProfile> ProfileLazy = new(Probe);

    /// <summary>Gets the host profile (probed once per process).</summary>
    public static TargetProfile Profile => ProfileLazy.Value;

    /// <summary>Maps /proc/cpuinfo flag names to EdgeSdk ISA feature names.</summary>
    public static IReadOnlyList<string> FeaturesFromCpuInfoFlags(IEnumerable<string> flags)
    {
        var set = new HashSet<string>(flags, StringComparer.OrdinalIgnoreCase);
        var features = new List<string>();
        void Add(string feature, params string[] names)
        {
            if (names.Any(set.Contains) && !features.Contains(feature))
            {
                features.Add(feature);
            }
        }

        Add("neon", "asimd", "neon");
        Add("fp16", "asimdhp", "fphp");
        Add("dotprod", "asimddp");
        Add("i8mm", "i8mm");
        Add("bf16", "bf16");
        Add("sve", "sve");
        Add("sve2", "sve2");
        foreach (var x86 in new[] { "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8", "amx_bf16" })
        {
            Add(x86, x86);
        }

        return features;
    }

    /// <summary>Returns the quantization defaults for a CPU with the given features.</summary>
    public static QuantizationDefaults QuantizationFor(IReadOnlyList<string> features)
    {
        var saturates = Int8WeightSaturation.Saturates(features);
        return new QuantizationDefaults { WeightBits = saturates ? 7 : 8, ReduceRange = saturates };
    }

    private static TargetProfile Probe()
    {
        var (model, flags) = ReadCpuInfo();
        var features = flags.Count > 0 ? FeaturesFromCpuInfoFlags(flags) : FeaturesFromIntrinsics();
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new TargetProfile
        {
            Name = "host",
            Description = $"The machine running the build ({(model.Length > 0 ? model + ", " : string.Empty)}{Environment.ProcessorCount} logical cores, {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})",
            IsaFeatures = features,
            Cores = Environment.ProcessorCount,
            RamBytes = memory > 0 ? memory : 0,
            ExecutionProviders = ["CPUExecutionProvider"],
            Quantization = QuantizationFor(features),
        };
    }

    private static (string Model, IReadOnlyList<string> Flags) ReadCpuInfo()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo"))
            {
                return (string.Empty, []);
            }

            var lines = File.ReadLines("/proc/cpuinfo").Take(64).ToList();
            string Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':'))?.Split(':', 2)[1].Trim() ?? string.Empty;
            var flags = Value("flags");
            if (flags.Length == 0)
            {
                flags = Value("Features");
            }

            return (Value("model name"), flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (IOException)
        {
            return (string.Empty, []);
        }
    }

    private static IReadOnlyList<string> FeaturesFromIntrinsics() =>
        new (bool Supported, string Feature)[]
        {
            (Sse42.IsSupported, "sse4_2"), (Avx.IsSupported, "avx"), (Avx2.IsSupported, "avx2"), (Fma.IsSupported, "fma"),
            (Avx512F.IsSupported, "avx512f"), (Avx512BW.IsSupported, "avx512bw"), (AvxVnni.IsSupported, "avx_vnni"),
            (AdvSimd.IsSupported, "neon"), (Dp.IsSupported, "dotprod"),
        }.Where(f => f.Supported).Select(f => f.Feature).ToList();
}
