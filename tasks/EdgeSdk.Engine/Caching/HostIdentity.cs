// Identifies the kind of machine a measurement came from: CPU model, architecture and ISA features.
// Step results that depend on measurements of the build machine (host-based choices) are shared only
// between machines with the same identity.
using EdgeSdk.Targets;
using System.Runtime.InteropServices;
using EdgeSdk.Recipes;

namespace EdgeSdk.Caching;

/// <summary>The build machine's CPU identity.</summary>
internal static class HostIdentity
{
    private static readonly Lazy<string> TextLazy = new(Compute);

    /// <summary>Gets a stable text such as <c>x64|Intel(R) Xeon(R) …|avx2,avx512_vnni,…</c>.</summary>
    public static string Text => TextLazy.Value;

    private static string Compute()
    {
        var features = string.Join(",", HostTargetProbe.Profile.IsaFeatures.Select(f => f.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return $"{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}|{CpuModel()}|{features}";
    }

    private static string CpuModel()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null && line.IndexOf(':') is var colon and >= 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "unknown";
    }
}
