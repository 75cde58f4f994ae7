// The `quantize` pass: static (calibrated QDQ), dynamic (int8 weights, run-time activations) or
// weight-only 4-bit (MatMulNBits) quantization, with optional cross-layer equalization, bias
// correction and GPTQ rounding, an accuracy-aware fallback that returns the most harmful layers to
// float when the recipe's accuracy budget is missed, and an SQNR report per tensor. Each step is its
// own class; this one wires them together and writes the report.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Post-training quantization.</summary>
internal sealed class QuantizePass : Pass<QuantizationOptions>
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "quantize",
        1,
        "Post-training quantization: static int8 QDQ with calibration, dynamic int8, or weight-only 4-bit (MatMulNBits), with accuracy-aware fallback to float.");

    /// <inheritdoc/>
    public override PassOptionSet<QuantizationOptions> Options => QuantizationOptions.Declarations;

    /// <inheritdoc/>
    protected override DataRequirement RequiredData(QuantizationOptions options) => options.Mode == QuantizationMode.Static ? DataRequirement.Calibration : DataRequirement.None;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, QuantizationOptions requested)
    {
        var options = requested.ForTarget(context.Target);
        CheckExclusions(context, options);
        var builder = ModeBuilder(context, options, out var candidates, out var staticQuantizer, out var prepared);
        var floatLayers = new List<string>();
        var model = builder(floatLayers);
        var result = new PassResult(model);
        foreach (var line in options.TargetDefaultsApplied)
        {
            result.Summary.Add(line);
            context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.TargetDefaultsApplied, DiagnosticSeverity.Info, "quantize: " + line));
        }

        var fallback = RunFallback(context, options, builder, candidates, result);
        if (fallback is { Met: true, FloatLayers.Count: > 0 })
        {
            floatLayers.AddRange(fallback.FloatLayers);
            model = builder(floatLayers);
            result = Rebase(result, model);
        }

        Describe(context, options, result, model, floatLayers, staticQuantizer, prepared);
        return result;
    }

    private static PassResult Rebase(PassResult previous, ModelGraph model)
    {
        var result = new PassResult(model);
        result.Summary.AddRange(previous.Summary);
        result.Warnings.AddRange(previous.Warnings);
        result.Tables.AddRange(previous.Tables);
        foreach (var (k, v) in previous.Figures)
        {
            result.Figures[k] = v;
        }

        return result;
    }

    private static Func<IReadOnlyCollection<string>, ModelGraph> ModeBuilder(PassContext context, QuantizationOptions options, out IReadOnlyList<string> candidates, out StaticQuantizer? staticQuantizer, out ModelGraph prepared)
    {
        var source = context.Model;
        prepared = source;
        staticQuantizer = null;
        switch (options.Mode)
        {
            case QuantizationMode.Dynamic:
            {
                var all = source.TopologicalOrder().Where(n => DynamicQuantizer.IsEligible(source, n)).Select(n => n.Name).ToList();
                candidates = all;
                return floatLayers =>
                {
                    var copy = source.Clone();
                    DynamicQuantizer.Apply(copy, options with { ExcludeNodes = [.. options.ExcludeNodes, .. floatLayers] });
                    return copy;
                };
            }

            case QuantizationMode.WeightOnly:
            {
                candidates = source.TopologicalOrder().Where(n => DynamicQuantizer.IsEligible(source, n)).Select(n => n.Name).ToList();
                return floatLayers =>
                {
                    var copy = source.Clone();
                    MatMulNBitsQuantizer.Apply(copy, options with { ExcludeNodes = [.. options.ExcludeNodes, .. floatLayers] });
                    return copy;
                };
            }

            default:
            {
                var calibration = context.Data.Calibration
                    ?? throw new EdgeException(DiagnosticCatalog.Quantization.CalibrationDataMissing, "quantize: mode 'static' needs calibration data; add data.calibration to the recipe (a few hundred representative samples), or use mode: dynamic.", context.Options.LocationOf("mode"));
                if (options.CrossLayerEqualization)
                {
                    prepared = source.Clone();
                    var equalization = CrossLayerEqualizer.Apply(prepared);
                    context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OptionSkipped, DiagnosticSeverity.Info, $"quantize: cross-layer equalization adjusted {equalization.Pairs.Count} Conv pair(s); skipped {equalization.Skipped.Count}."));
                    foreach (var skipped in equalization.Skipped)
                    {
                        context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OptionSkipped, DiagnosticSeverity.Info, "quantize: cross-layer equalization skipped " + skipped));
                    }
                }

                var floatModel = prepared;
                var quantizer = new StaticQuantizer(floatModel, options, calibration, context.Threads, context.Progress, context.Cancellation);
                staticQuantizer = quantizer;
                var initial = QdqPlacementPlanner.Plan(floatModel, QdqPlacementOptions.From(options));
                if (initial.QuantizedNodes.Count == 0)
                {
                    throw new EdgeException(DiagnosticCatalog.Quantization.NothingToQuantize, "quantize: no node of the model can be quantized with these options (check exclude_nodes, exclude_op_types and keep_first/last_layer_float).");
                }

                candidates = initial.QuantizedNodes.Where(n => !IsSharing(floatModel, n)).ToList();
                return floatLayers => quantizer.Quantize(floatLayers).Model;
            }
        }
    }

    private static bool IsSharing(ModelGraph graph, string node) => graph.Nodes.FirstOrDefault(n => n.Name == node) is { } found && QdqPlacementPlanner.IsSharingOp(found.OpType);

    private static FallbackOutcome? RunFallback(PassContext context, QuantizationOptions options, Func<IReadOnlyCollection<string>, ModelGraph> builder, IReadOnlyList<string> candidates, PassResult result)
    {
        var goals = context.AccuracyGoals.Where(g => AccuracyFallbackSearch.SupportedMetrics.Contains(g.Metric)).ToList();
        if (!options.Fallback || goals.Count == 0)
        {
            if (options.Fallback && context.AccuracyGoals.Count > 0)
            {
                result.Warnings.Add($"accuracy fallback skipped: it measures top-1 accuracy, and the budgets name {string.Join(", ", context.AccuracyGoals.Select(g => g.Metric).Distinct())}");
            }

            return null;
        }

        var evaluation = context.Data.Evaluation;
        if (evaluation is null || !evaluation.HasLabels)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.EvaluationDataMissing, "quantize: the accuracy fallback needs a labelled evaluation set (data.evaluation with labels); add one or set fallback: false.", context.Options.LocationOf("fallback"));
        }

        var outcome = AccuracyFallbackSearch.Search(builder, candidates, context.BaselineModel, evaluation, goals, options.FallbackSubset, options.FallbackMaxLayers, context.Threads, context.Progress, context.Cancellation);
        result.Figures["fallback_baseline_accuracy"] = outcome.BaselineAccuracy;
        result.Figures["fallback_quantized_accuracy"] = outcome.QuantizedAccuracy;
        result.Figures["fallback_final_accuracy"] = outcome.FinalAccuracy;
        result.Figures["fallback_float_layers"] = outcome.FloatLayers.Count;
        if (outcome.Ranking.Count > 0)
        {
            result.Tables.Add(new ReportTable(
                "Fallback ranking (effect of returning each layer alone to float, on the ranking subset)",
                ["layer", "accuracy gain (points)", "logit NMSE reduction", "kept float"],
                outcome.Ranking.Select(r => (IReadOnlyList<string>)[r.Layer, F(r.AccuracyGain * 100), r.NmseGain.ToString("E2", CultureInfo.InvariantCulture), outcome.FloatLayers.Contains(r.Layer) ? "yes" : "no"]).ToList()));
        }

        if (!outcome.Met)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.AccuracyBudgetMissed,
                $"quantize: accuracy {F(outcome.QuantizedAccuracy * 100)}% misses the budget (needs ≥ {F(outcome.Required * 100)}%, float {F(outcome.BaselineAccuracy * 100)}%), and returning up to {options.FallbackMaxLayers} layer(s) to float ({string.Join(", ", outcome.FloatLayers)}) only reached {F(outcome.FinalAccuracy * 100)}%. "
                + "Raise fallback_max_layers, try calibration: percentile or entropy, bias_correction/gptq, or relax the budget.");
        }

        if (outcome.FloatLayers.Count == 0)
        {
            result.Summary.Add($"accuracy {F(outcome.QuantizedAccuracy * 100)}% meets the budget (≥ {F(outcome.Required * 100)}%); no layer returned to float");
        }
        else
        {
            result.Summary.Add($"accuracy {F(outcome.QuantizedAccuracy * 100)}% missed the budget (≥ {F(outcome.Required * 100)}%); returned {outcome.FloatLayers.Count} layer(s) to float ({string.Join(", ", outcome.FloatLayers)}), which restored {F(outcome.FinalAccuracy * 100)}%: they were the layers whose quantization cost the most accuracy on the ranking subset");
        }

        return outcome;
    }

    private static void Describe(PassContext context, QuantizationOptions options, PassResult result, ModelGraph model, List<string> floatLayers, StaticQuantizer? quantizer, ModelGraph prepared)
    {
        var counts = model.OpCounts();
        result.Figures["quantized_layers"] = counts.GetValueOrDefault("MatMulInteger") + counts.GetValueOrDefault("com.microsoft.MatMulNBits");
        switch (options.Mode)
        {
            case QuantizationMode.Dynamic:
                result.Summary.Add($"dynamic int8: {counts.GetValueOrDefault("MatMulInteger")} MatMul/Gemm layer(s) with int8 weights ({options.WeightBits}-bit, {(options.PerChannel ? "per column" : "per tensor")}), activations quantized at run time");
                break;
            case QuantizationMode.WeightOnly:
                result.Summary.Add($"weight-only 4-bit: {counts.GetValueOrDefault("com.microsoft.MatMulNBits")} MatMul/Gemm layer(s) as MatMulNBits (block size {options.BlockSize}, {(options.WeightOnlySymmetric ? "symmetric" : "with zero points")})");
                break;
            default:
            {
                var variant = quantizer!.Quantize(floatLayers);
                var plan = variant.Plan;
                result.Figures["quantized_layers"] = plan.QuantizedLayers.Count;
                result.Figures["quantize_nodes"] = variant.Write.QuantizeNodes;
                result.Figures["dequantize_nodes"] = variant.Write.DequantizeNodes;
                result.Figures["calibration_samples"] = quantizer.CalibrationSamples;
                result.Figures["calibration_state_bytes"] = quantizer.CalibrationStateBytes;
                result.Summary.Add($"static QDQ: {plan.QuantizedLayers.Count} Conv/Gemm/MatMul and {plan.QuantizedNodes.Count - plan.QuantizedLayers.Count} other node(s) quantized; activations {Name(options.ActivationType)} {(options.ActivationSymmetric ? "symmetric" : "asymmetric")}, weights {options.WeightBits}-bit {(options.PerChannel ? "per channel" : "per tensor")}, bias int32; {plan.Absorbed.Count} Relu/Clip absorbed into their producer's range");
                result.Summary.Add($"calibration: {options.Calibration.ToString().ToLowerInvariant()}{(options.Calibration == CalibrationMethod.Percentile ? " " + options.Percentile.ToString("0.#####", CultureInfo.InvariantCulture) : string.Empty)} over {quantizer.CalibrationSamples} sample(s), {plan.CalibrationTensors.Count} tensor(s), {quantizer.CalibrationStateBytes} bytes of calibration state");
                foreach (var note in quantizer.Notes)
                {
                    result.Warnings.Add(note);
                }

                var floatRows = plan.FloatNodes.Select(f => (IReadOnlyList<string>)[f.Node, f.OpType, floatLayers.Contains(f.Node) ? "accuracy fallback: " + f.Reason : f.Reason]).ToList();
                if (floatRows.Count > 0)
                {
                    result.Tables.Add(new ReportTable("Layers kept in float", ["node", "op", "why"], floatRows));
                }

                if (options.SqnrSamples > 0 && context.Data.Calibration is { } calibration)
                {
                    var sqnr = SqnrReport.Measure(prepared, variant.Model, variant.Write.DequantizedTensors, calibration, options.SqnrSamples, context.Threads);
                    if (sqnr.Count > 0)
                    {
                        result.Figures["sqnr_worst_db"] = sqnr[0].SqnrDb;
                        result.Tables.Add(new ReportTable("SQNR per tensor, float vs quantized (worst first)", ["tensor", "SQNR (dB)"], sqnr.Take(20).Select(s => (IReadOnlyList<string>)[s.Tensor, F(s.SqnrDb)]).ToList()));
                        result.Summary.Add($"worst SQNR {F(sqnr[0].SqnrDb)} dB at '{sqnr[0].Tensor}'");
                    }
                }

                break;
            }
        }
    }

    private static void CheckExclusions(PassContext context, QuantizationOptions options)
    {
        var names = context.Model.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = options.ExcludeNodes.Where(n => !names.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            var suggestion = names.OrderBy(n => Recipes.DidYouMean.Distance(n, unknown[0])).First();
            throw new EdgeException(DiagnosticCatalog.Quantization.UnknownExclusion, $"quantize: exclude_nodes names '{unknown[0]}', which the model does not have (did you mean '{suggestion}'?). Node names are listed by `edgesdk inspect`.", context.Options.LocationOf("exclude_nodes"));
        }
    }

    private static string Name(Tensors.TensorElementType type) => type == Tensors.TensorElementType.Int8 ? "int8" : "uint8";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
