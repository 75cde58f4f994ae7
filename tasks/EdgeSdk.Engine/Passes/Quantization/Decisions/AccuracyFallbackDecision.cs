// The accuracy-aware fallback as a decision step: when the recipe has metric budgets (any task metric
// with labels, or a fidelity metric against the pipeline's input model without them), rank the candidate
// layers by how much returning each alone to float helps the missed metric in its own direction and return
// the most harmful ones until every budget is met (AccuracyFallbackSearch); fail with EDGE2107 when even
// the allowed number of float layers does not meet them.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;

namespace EdgeSdk.Passes.Quantization;

/// <summary>The accuracy-aware fallback to float.</summary>
internal sealed class AccuracyFallbackDecision : IQuantizationDecision
{
    /// <inheritdoc/>
    public IReadOnlyList<string> Decide(QuantizationDecisionContext decision)
    {
        var context = decision.Pass;
        var options = decision.Options;
        var result = decision.Result;
        var known = MetricNames.For(context.MetricSettings.Task);
        var goals = context.AccuracyGoals.Where(g => known.Contains(g.Metric, StringComparer.OrdinalIgnoreCase)).ToList();
        if (!options.Fallback || goals.Count == 0)
        {
            if (options.Fallback && context.AccuracyGoals.Count > 0)
            {
                result.Warnings.Add($"accuracy fallback skipped: task '{context.MetricSettings.Task.ToString().ToLowerInvariant()}' does not compute {string.Join(", ", context.AccuracyGoals.Select(g => g.Metric).Distinct())}");
            }

            return [];
        }

        var evaluation = context.Data.Evaluation;
        var metrics = goals.Select(g => g.Metric).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (evaluation is null || (!evaluation.HasLabels && metrics.Any(m => MetricDefinition.Of(m).NeedsLabels)))
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.EvaluationDataMissing, MissingData(metrics, evaluation is not null), context.Options.LocationOf("fallback"));
        }

        var already = decision.FloatLayers;
        var outcome = AccuracyFallbackSearch.Search(
            layers => decision.Strategy.Build([.. already, .. layers]),
            decision.Strategy.Candidates.Where(c => !already.Contains(c)).ToList(),
            context.BaselineModel, evaluation, goals, context.MetricSettings, options.FallbackSubset, options.FallbackMaxLayers, context.Threads, context.Progress, context.Cancellation);
        var metric = MetricDefinition.Of(outcome.Metric);
        var atLeast = metric.HigherIsBetter ? "≥" : "≤";
        result.Figures["fallback_baseline_accuracy"] = outcome.Baseline;
        result.Figures["fallback_quantized_accuracy"] = outcome.Quantized;
        result.Figures["fallback_final_accuracy"] = outcome.Final;
        result.Figures["fallback_float_layers"] = outcome.FloatLayers.Count;
        if (outcome.Ranking.Count > 0)
        {
            result.Tables.Add(new ReportTable(
                $"Fallback ranking (effect of returning each layer alone to float on {outcome.Metric}, on the ranking subset)",
                ["layer", $"{outcome.Metric} gain ({(metric.IsFraction ? "points" : metric.Unit == MetricUnit.Decibels ? "dB" : "its units")})", "output NMSE reduction", "kept float"],
                outcome.Ranking.Select(r => (IReadOnlyList<string>)[r.Layer, F(metric.IsFraction ? r.MetricGain * 100 : r.MetricGain), r.NmseGain.ToString("E2", CultureInfo.InvariantCulture), outcome.FloatLayers.Contains(r.Layer) ? "yes" : "no"]).ToList()));
        }

        var name = outcome.Metric;
        if (!outcome.Met)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.AccuracyBudgetMissed,
                $"quantize: {name} {Level(metric, outcome.Quantized)} misses the budget (needs {atLeast} {Level(metric, outcome.Required)}, float {Level(metric, outcome.Baseline)}), and returning up to {options.FallbackMaxLayers} layer(s) to float ({string.Join(", ", outcome.FloatLayers)}) only reached {Level(metric, outcome.Final)}. "
                + "Raise fallback_max_layers, try calibration: percentile or entropy, bias_correction/gptq, or relax the budget.");
        }

        if (outcome.FloatLayers.Count == 0)
        {
            result.Summary.Add($"{name} {Level(metric, outcome.Quantized)} meets the budget ({atLeast} {Level(metric, outcome.Required)}); no layer returned to float");
        }
        else
        {
            result.Summary.Add($"{name} {Level(metric, outcome.Quantized)} missed the budget ({atLeast} {Level(metric, outcome.Required)}); returned {outcome.FloatLayers.Count} layer(s) to float ({string.Join(", ", outcome.FloatLayers)}), which restored {Level(metric, outcome.Final)}: they were the layers whose quantization cost the most {name} on the ranking subset");
        }

        return outcome.FloatLayers;
    }

    // What the fallback lacks for the metrics the budgets name: an evaluation set's inputs for every metric, its
    // labels only for metrics that compare with labels (fidelity metrics compare with the input model).
    internal static string MissingData(IReadOnlyList<string> metrics, bool haveEvaluation)
    {
        var labelled = metrics.Where(m => MetricDefinition.Of(m).NeedsLabels).ToList();
        var fidelity = metrics.Where(m => !MetricDefinition.Of(m).NeedsLabels).ToList();
        static string List(IReadOnlyList<string> names) => string.Join(", ", names);
        const string FidelityInstead = "budget a fidelity metric instead (Top1Agreement, MeanAbsoluteDifference, MaxAbsoluteDifference or Sqnr: they compare each stage with the pipeline's input model and need only the inputs)";
        var fidelityNote = fidelity.Count > 0 ? $"; {List(fidelity)} need{(fidelity.Count == 1 ? "s" : string.Empty)} no labels" : string.Empty;
        if (haveEvaluation)
        {
            return $"quantize: the accuracy fallback measures {List(labelled)} against labels, and data.evaluation has none{fidelityNote}: add labels to data.evaluation, {FidelityInstead}, or set fallback: false.";
        }

        return labelled.Count == 0
            ? $"quantize: the accuracy fallback measures {List(fidelity)} on data.evaluation, and the recipe has none: add data.evaluation with inputs only (no labels needed: {List(fidelity)} compare{(fidelity.Count == 1 ? "s" : string.Empty)} each stage with the pipeline's input model), or set fallback: false."
            : $"quantize: the accuracy fallback measures {List(metrics)} on data.evaluation, and the recipe has none: add data.evaluation with inputs and labels (labels for {List(labelled)}{fidelityNote}), {FidelityInstead}, or set fallback: false.";
    }

    // A level in the metric's own units: fractions as %, decibels as dB, anything else as a plain number (never %).
    private static string Level(MetricDefinition metric, double value) => metric.Unit switch
    {
        MetricUnit.Fraction => F(value * 100) + "%",
        MetricUnit.Decibels => F(value) + " dB",
        _ => value.ToString(Math.Abs(value) >= 100 ? "0.##" : value == 0 || Math.Abs(value) >= 1e-3 ? "0.####" : "0.###E+0", CultureInfo.InvariantCulture),
    };

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
