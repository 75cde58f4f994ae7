// The warning for 8-bit int8 weights where they can saturate (Targets/Int8WeightSaturation): when the
// options end up at 8-bit weights (weight_bits: 8, reduce_range: false, or a profile's default) in a mode
// whose x86 kernels multiply uint8 activations by int8 weights (static QDQ, dynamic MatMulInteger, qat's
// export), and the target or the host running the build lacks VNNI, the build says so with a stable code,
// naming which CPU, its ISA and the fix. The host comes from the pass context, so tests inject an ISA.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Targets;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Checks 8-bit weights against the int8 saturation rule.</summary>
internal static class WeightSaturationCheck
{
    /// <summary>Returns the warning for <paramref name="options"/> (target defaults applied) on <paramref name="target"/> built on <paramref name="host"/>, or null when 8-bit weights are safe there (or not used).</summary>
    public static EdgeDiagnostic? Check(QuantizationOptions options, TargetProfile target, TargetProfile host, Options.BoundPassOptions bound, string passName)
    {
        if (options.Mode == QuantizationMode.WeightOnly || options.WeightBits < 8)
        {
            return null;
        }

        var onTarget = Int8WeightSaturation.Saturates(target.IsaFeatures);
        var onHost = Int8WeightSaturation.Saturates(host.IsaFeatures);
        if (!onTarget && !onHost)
        {
            return null;
        }

        var key = options.RequestedWeightBits is not null ? "weight_bits" : options.RequestedReduceRange is not null ? "reduce_range" : null;
        var why = key switch
        {
            "weight_bits" => $"weight_bits: {options.WeightBits} forces 8-bit weights",
            "reduce_range" => "reduce_range: false forces 8-bit weights",
            _ => $"target '{target.Name}' defaults to 8-bit weights",
        };
        string Cpu(TargetProfile p) => string.Create(CultureInfo.InvariantCulture, $"{(p.Description.Length > 0 ? p.Description : p.Name)}; ISA {(p.IsaFeatures.Count > 0 ? string.Join(" ", p.IsaFeatures) : "unknown")}");
        var where = (onTarget, onHost) switch
        {
            (true, true) when ReferenceEquals(target, host) || target.Name == host.Name => $"the host ({Cpu(host)}) has no VNNI",
            (true, true) => $"neither target '{target.Name}' ({Cpu(target)}) nor this host ({Cpu(host)}) has VNNI",
            (true, false) => $"target '{target.Name}' ({Cpu(target)}) has no VNNI",
            _ => $"this host ({Cpu(host)}), which runs the evaluation, has no VNNI",
        };
        var mode = options.Mode == QuantizationMode.Dynamic ? "dynamic" : "static";
        return EdgeDiagnostic.Warning(
            DiagnosticCatalog.Quantization.WeightSaturationRisk,
            $"{passName} ({mode}): {why}, and {where}: ONNX Runtime's x86 int8 kernels there add pairs of uint8 x int8 products into saturating int16 (VPMADDUBSW), so 8-bit weights risk saturation and wrong outputs. Set reduce_range: true (7-bit weights, which cannot saturate), or target and build on a CPU with AVX-512 VNNI or AVX-VNNI.",
            key is null ? null : bound.LocationOf(key));
    }
}
