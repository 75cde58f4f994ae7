// The host-latency decision (runs after the accuracy fallback): int8 is not faster than float everywhere —
// on an x86 CPU without VNNI ONNX Runtime's integer kernels often lose to its float ones — so each
// quantized layer is timed in int8 and in float on the build host (per-node profiles, interleaved) and a
// layer whose int8 kernel is slower by more than the noise margin returns to float. Then the whole model
// is checked: the result (and the all-int8 model) against the float input, interleaved; when no quantized
// variant is faster than the float input, every layer stays float and the report says so. The decision is
// the host's: the manifest records the CPU and ISA it was made on, and a target with another int8 kernel
// class is told. Weight-only 4-bit is decided the same way (each MatMulNBits node against its float MatMul:
// MLAS's 4-bit kernels dequantize blocks and lose to float GEMM on small layers and at large batches); the
// report then says 4-bit where it says int8.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Targets;

namespace EdgeSdk.Passes.Quantization;

/// <summary>One layer's times and what was decided.</summary>
/// <param name="Layer">Node name.</param>
/// <param name="OpType">Operator.</param>
/// <param name="FloatMs">Kernel time per run in the float model (null when the profile had no node for it).</param>
/// <param name="Int8Ms">Kernel time per run in the int8 model (null when the profile had no node for it).</param>
/// <param name="Int8Slower">Whether int8 is slower than float by more than the margin.</param>
internal sealed record LayerLatency(string Layer, string OpType, double? FloatMs, double? Int8Ms, bool Int8Slower)
{
    /// <summary>Gets int8 time over float time, or null when either is unknown.</summary>
    public double? Ratio => FloatMs is > 0 && Int8Ms is { } q ? q / FloatMs : null;
}

/// <summary>Which variant the whole-model check kept.</summary>
internal enum HostLatencyChoice
{
    /// <summary>The quantized model as the earlier steps left it (no layer was slower, or it beat the mixed one).</summary>
    Quantized,
    /// <summary>The layers int8 makes slower returned to float.</summary>
    Mixed,
    /// <summary>Every layer float: no quantized variant was faster than the float input.</summary>
    Float,
}

/// <summary>The decision's rules, separate from the measuring.</summary>
internal static class HostLatencyRules
{
    /// <summary>Ops whose kernels are timed per layer (the weighted layers; other quantized nodes follow them and the whole-model check).</summary>
    public static readonly IReadOnlySet<string> TimedOps = new HashSet<string>(StringComparer.Ordinal) { "Conv", "ConvTranspose", "Gemm", "MatMul" };

    /// <summary>Judges each layer: int8 is slower when its time exceeds the float time by more than <paramref name="margin"/> (a fraction).</summary>
    public static IReadOnlyList<LayerLatency> Judge(IReadOnlyList<(string Layer, string OpType)> layers, LayerTimings timings, double margin) => layers
        .Select(l =>
        {
            double? f = timings.Float.Layers.TryGetValue(l.Layer, out var fv) ? fv : null;
            double? q = timings.Int8.Layers.TryGetValue(l.Layer, out var qv) ? qv : null;
            return new LayerLatency(l.Layer, l.OpType, f, q, f is { } ff && q is { } qq && qq > ff * (1 + margin));
        })
        .ToList();

    /// <summary>
    /// Picks the variant: the mixed model only when it beats the all-int8 one by more than <paramref name="margin"/>
    /// (every float island adds Q/DQ at its borders, which per-layer kernel times do not see), and float when the
    /// pick is not faster than <paramref name="floatMs"/> (ties go to float).
    /// </summary>
    public static HostLatencyChoice Choose(double floatMs, double quantizedMs, double? mixedMs, double margin)
    {
        var best = mixedMs is { } m && m < quantizedMs * (1 - margin) ? HostLatencyChoice.Mixed : HostLatencyChoice.Quantized;
        var bestMs = best == HostLatencyChoice.Mixed ? mixedMs!.Value : quantizedMs;
        return bestMs < floatMs ? best : HostLatencyChoice.Float;
    }

    /// <summary>Returns the int8 kernel class ONNX Runtime's MLAS dispatches on for <paramref name="isaFeatures"/> (EdgeSdk feature names).</summary>
    public static string Int8KernelClass(IReadOnlyCollection<string> isaFeatures) =>
        isaFeatures.Contains("amx_int8") ? "amx-int8"
        : isaFeatures.Contains("avx512_vnni") ? "avx512-vnni"
        : isaFeatures.Contains("avx_vnni") ? "avx-vnni"
        : isaFeatures.Contains("avx512bw") ? "avx512"
        : isaFeatures.Contains("avx2") ? "avx2"
        : isaFeatures.Contains("i8mm") ? "arm-i8mm"
        : isaFeatures.Contains("dotprod") ? "arm-dotprod"
        : isaFeatures.Contains("neon") ? "arm-neon"
        : isaFeatures.Count == 0 ? "unknown" : "other";
}

/// <summary>Keeps float the layers whose int8 kernels are slower on the build host, and the whole model when int8 does not pay.</summary>
internal sealed class HostLatencyDecision : IQuantizationDecision
{
    private readonly IHostLatencyTimer _timer;
    private readonly MachineInfo? _machine;

    /// <summary>Creates the decision with ONNX Runtime timing on this machine.</summary>
    public HostLatencyDecision()
        : this(new OrtHostLatencyTimer())
    {
    }

    /// <summary>Creates the decision with <paramref name="timer"/> (tests inject chosen times) and, optionally, the machine to record.</summary>
    public HostLatencyDecision(IHostLatencyTimer timer, MachineInfo? machine = null)
    {
        _timer = timer;
        _machine = machine;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Decide(QuantizationDecisionContext decision)
    {
        var context = decision.Pass;
        var options = decision.Options;
        if (!options.HostLatency)
        {
            return [];
        }

        var already = decision.FloatLayers;
        var candidates = decision.Strategy.Candidates.Where(c => !already.Contains(c)).ToList();
        var ops = context.Model.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().OpType, StringComparer.Ordinal);
        var layers = candidates.Where(c => ops.TryGetValue(c, out var op) && HostLatencyRules.TimedOps.Contains(op)).Select(c => (c, ops[c])).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var floatModel = context.Model;
        var data = context.Data.Calibration ?? context.Data.Evaluation;
        var inputs = DataFeeds.TimingBatch(floatModel, floatModel.RealInputs.Select(i => i.Name).ToList(), data, context.LatencyBatch);
        var settings = new HostTimingSettings(inputs, context.LatencyBatch, context.Threads, context.WorkDirectory, context.Progress, context.Cancellation);
        var result = decision.Result;
        result.HostDependent = true;

        var timings = _timer.TimeLayers(floatModel, decision.Model, layers.Select(l => l.c).ToList(), settings);
        var judged = HostLatencyRules.Judge(layers, timings, options.HostLatencyMargin);
        var slower = judged.Where(j => j.Int8Slower).Select(j => j.Layer).ToList();
        var mixed = slower.Count > 0 ? decision.Strategy.Build([.. already, .. slower]) : null;
        var whole = _timer.TimeModels(mixed is null ? [floatModel, decision.Model] : [floatModel, decision.Model, mixed], settings);
        var (floatMs, quantizedMs, mixedMs) = (whole[0], whole[1], mixed is null ? (double?)null : whole[2]);
        var choice = HostLatencyRules.Choose(floatMs, quantizedMs, mixedMs, options.HostLatencyMargin);
        var returned = choice switch
        {
            HostLatencyChoice.Float => candidates,
            HostLatencyChoice.Mixed => slower,
            _ => [],
        };

        Describe(context, options, result, judged, timings, choice, floatMs, quantizedMs, mixedMs, returned.Count);
        return returned;
    }

    private void Describe(PassContext context, QuantizationOptions options, PassResult result, IReadOnlyList<LayerLatency> judged, LayerTimings timings, HostLatencyChoice choice, double floatMs, double quantizedMs, double? mixedMs, int returned)
    {
        var machine = _machine ?? MachineInfo.Current();
        var hostFeatures = HostTargetProbe.Profile.IsaFeatures;
        var hostClass = HostLatencyRules.Int8KernelClass(hostFeatures);
        var margin = options.HostLatencyMargin;
        var q = QuantizedLabel(options.Mode);
        string Decision(LayerLatency l) => choice switch
        {
            HostLatencyChoice.Float => $"float (whole model: {q} not faster than float)",
            _ when l.FloatMs is null || l.Int8Ms is null => $"{q} (not profiled separately; the whole-model check decides)",
            HostLatencyChoice.Mixed when l.Int8Slower => $"float ({q} slower by more than the {P(margin)} margin)",
            HostLatencyChoice.Quantized when l.Int8Slower => $"{q} (slower alone, but the whole model was not faster with the slower layers float)",
            _ => q,
        };

        var rows = judged.Select(l => (IReadOnlyList<string>)[l.Layer, l.OpType, Ms(l.FloatMs), Ms(l.Int8Ms), l.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-", Decision(l)]).ToList();
        rows.Add([options.Mode == QuantizationMode.WeightOnly ? "(other nodes: bias Adds, layout, data movement)" : "(other nodes: Q/DQ at borders, layout, data movement)", "-", Ms(timings.Float.RestMs), Ms(timings.Int8.RestMs), "-", "-"]);
        result.Tables.Add(new ReportTable(
            $"Host latency per layer (kernel ms per run at batch {context.LatencyBatch}, {context.Threads} thread(s), on {machine.CpuModel}, int8 class {hostClass}; {timings.RunsPerModel} profiled runs each in {timings.Rounds} alternating rounds)",
            ["layer", "op", "float ms", $"{q} ms", $"{q}/float", "decision"],
            rows));

        var faster = judged.Count(l => l.Ratio is { } r && r < 1);
        var verdict = choice switch
        {
            HostLatencyChoice.Float => $"kept every layer float: no quantized variant was faster than the float input on this host (float {F(floatMs)} ms, {q} {F(quantizedMs)} ms{(mixedMs is { } m ? $", mixed {F(m)} ms" : string.Empty)})",
            HostLatencyChoice.Mixed => $"returned {returned} layer(s) whose {q} kernel is slower to float; whole model {F(mixedMs!.Value)} ms against float {F(floatMs)} ms (all-{q} {F(quantizedMs)} ms)",
            _ => $"kept {q}; whole model {F(quantizedMs)} ms against float {F(floatMs)} ms{(mixedMs is { } mm ? $" (returning the slower layers to float gave {F(mm)} ms, not faster by more than the {P(margin)} margin)" : string.Empty)}",
        };
        result.Summary.Add($"host latency: {faster} of {judged.Count} timed layer(s) faster in {q} on {machine.CpuModel} ({hostClass}); {verdict}; batch {context.LatencyBatch}, {context.Threads} thread(s)");
        result.Figures["host_latency_float_ms"] = floatMs;
        result.Figures["host_latency_int8_ms"] = quantizedMs;
        if (mixedMs is { } mixedValue)
        {
            result.Figures["host_latency_mixed_ms"] = mixedValue;
        }

        result.Figures["host_latency_float_layers"] = returned;
        result.Figures["host_latency_timed_layers"] = judged.Count;
        result.Figures["host_latency_all_float"] = choice == HostLatencyChoice.Float ? 1 : 0;
        result.Facts["host_latency_cpu"] = machine.CpuModel;
        result.Facts["host_latency_isa"] = string.Join(' ', machine.IsaFlags);
        result.Facts["host_latency_int8_class"] = hostClass;
        result.Facts["host_latency_choice"] = choice.ToString().ToLowerInvariant();

        var targetClass = HostLatencyRules.Int8KernelClass(context.Target.IsaFeatures);
        if (!string.Equals(context.Target.Name, TargetProfile.Host.Name, StringComparison.OrdinalIgnoreCase) && targetClass != hostClass)
        {
            var note = $"the int8-or-float decisions are the build host's ({machine.CpuModel}, int8 class {hostClass}); target '{context.Target.Name}' has int8 class {targetClass} (ISA {string.Join(' ', context.Target.IsaFeatures)}), where int8 may pay differently: measure on the target, or set host_latency: false";
            result.Facts["host_latency_target_note"] = note;
            result.Summary.Add("host latency: " + note);
            context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.HostLatencyDecision, DiagnosticSeverity.Info, "quantize: " + note));
        }

    }

    /// <summary>Returns what the report calls the quantized kernels of <paramref name="mode"/>.</summary>
    private static string QuantizedLabel(QuantizationMode mode) => mode == QuantizationMode.WeightOnly ? "4-bit" : "int8";

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
