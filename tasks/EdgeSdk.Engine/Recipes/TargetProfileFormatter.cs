// Renders a target profile as readable lines (figures in their usual units, each with its source), for
// `edgesdk targets NAME` and reports.
using EdgeSdk.Targets;
using System.Globalization;

namespace EdgeSdk.Recipes;

/// <summary>Text rendering of a <see cref="TargetProfile"/>.</summary>
internal static class TargetProfileFormatter
{
    /// <summary>Returns the profile as lines of text.</summary>
    public static IEnumerable<string> Lines(TargetProfile target)
    {
        yield return $"{target.Name}: {target.Description}";
        yield return $"  isa:                 {(target.IsaFeatures.Count == 0 ? "-" : string.Join(", ", target.IsaFeatures))}";
        yield return Figure(target, "cores", target.Cores.ToString(CultureInfo.InvariantCulture));
        yield return Figure(target, "clock", Unknown(target.ClockGHz, $"{Number(target.ClockGHz)} GHz"));
        yield return Figure(target, "ram", Bytes(target.RamBytes));
        yield return Figure(target, "storage", Bytes(target.StorageBytes));
        yield return Figure(target, "peak_fp32", Unknown(target.PeakFp32Gflops, $"{Number(target.PeakFp32Gflops)} GFLOPS"));
        yield return Figure(target, "peak_int8", Unknown(target.PeakInt8Gops, $"{Number(target.PeakInt8Gops)} GOPS"));
        yield return Figure(target, "memory_bandwidth", Unknown(target.MemoryBandwidthGBps, $"{Number(target.MemoryBandwidthGBps)} GB/s"));
        yield return $"  execution_providers: {(target.ExecutionProviders.Count == 0 ? "none (ONNX Runtime does not run here)" : string.Join(", ", target.ExecutionProviders))}";
        var q = target.Quantization;
        yield return $"  quantization:        weight_bits {q.WeightBits}, reduce_range {Lower(q.ReduceRange)}, activation_type {q.ActivationType}, activation_symmetric {Lower(q.ActivationSymmetric)}, per_channel {Lower(q.PerChannel)}";
    }

    private static string Figure(TargetProfile target, string key, string value) =>
        $"  {(key + ":").PadRight(20)} {value}{(target.Sources.TryGetValue(key, out var source) ? $"  [{source}]" : string.Empty)}";

    private static string Unknown(double value, string text) => value > 0 ? text : "unknown";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Lower(bool value) => value ? "true" : "false";

    private static string Bytes(long bytes) => bytes switch
    {
        0 => "unknown",
        >= 1_000_000_000 => $"{Number(bytes / 1e9)} GB",
        >= 1_000_000 => $"{Number(bytes / 1e6)} MB",
        >= 1_000 => $"{Number(bytes / 1e3)} KB",
        _ => $"{bytes} B",
    };
}
