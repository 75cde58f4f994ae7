// Describes the machine a latency was measured on (CPU model, ISA flags that matter for inference kernels,
// logical cores, OS, runtime), so a number in a report can be traced to where it came from.
using System.Runtime.InteropServices;

namespace EdgeSdk.Evaluation;

/// <summary>The host a measurement ran on.</summary>
internal sealed record MachineInfo
{
    // The ISA features inference kernels dispatch on (x86 and Arm names as /proc/cpuinfo spells them).
    private static readonly string[] InterestingFlags =
    [
        "sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
        "avx_vnni", "amx_tile", "amx_int8", "amx_bf16", "asimd", "asimddp", "asimdhp", "i8mm", "bf16", "sve", "sve2",
    ];

    /// <summary>Gets the CPU model name.</summary>
    public required string CpuModel { get; init; }

    /// <summary>Gets the ISA flags relevant to inference that the CPU reports, sorted.</summary>
    public required IReadOnlyList<string> IsaFlags { get; init; }

    /// <summary>Gets the number of logical processors.</summary>
    public required int LogicalCores { get; init; }

    /// <summary>Gets the operating system description.</summary>
    public required string OperatingSystem { get; init; }

    /// <summary>Gets the processor architecture (X64, Arm64 …).</summary>
    public required string Architecture { get; init; }

    /// <summary>Gets the .NET runtime description.</summary>
    public required string Runtime { get; init; }

    /// <summary>Gets a one-line summary, e.g. <c>Intel Xeon … (x64, 2 cores, avx2 fma)</c>.</summary>
    public override string ToString() => $"{CpuModel} ({Architecture}, {LogicalCores} logical cores, {string.Join(' ', IsaFlags)})";

    /// <summary>Describes the current machine.</summary>
    public static MachineInfo Current() => FromCpuInfo(File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : string.Empty);

    /// <summary>Describes the current machine from the text of <c>/proc/cpuinfo</c>.</summary>
    public static MachineInfo FromCpuInfo(string cpuinfo)
    {
        string? model = null;
        var flags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (model is null && key is "model name" or "Model" or "Hardware" or "cpu model")
            {
                model = value;
            }
            else if (key is "flags" or "Features")
            {
                flags.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(f => InterestingFlags.Contains(f)));
            }
        }

        return new MachineInfo
        {
            CpuModel = model ?? "unknown CPU",
            IsaFlags = flags.ToArray(),
            LogicalCores = Environment.ProcessorCount,
            OperatingSystem = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
            Runtime = RuntimeInformation.FrameworkDescription,
        };
    }
}
