// The accuracy-aware fallback as a decision step: when the recipe has accuracy budgets the search can
// measure, rank the candidate layers by how much returning each alone to float helps and return the most
// harmful ones until the budget is met (AccuracyFallbackSearch); fail with EDGE2107 when even the allowed
// number of float layers does not meet it.
using System.Globalization;
using EdgeSdk.Diagnostics;

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
        var goals = context.AccuracyGoals.Where(g => AccuracyFallbackSearch.SupportedMetrics.Contains(g.Metric)).ToList();
        if (!options.Fallback || goals.Count == 0)
        {
            if (options.Fallback && context.AccuracyGoals.Count > 0)
            {
                result.Warnings.Add($"accuracy fallback skipped: it measures top-1 accuracy, and the budgets name {string.Join(", ", context.AccuracyGoals.Select(g => g.Metric).Distinct())}");
            }

            return [];
        }

        var evaluation = context.Data.Evaluation;
        if (evaluation is null || !evaluation.HasLabels)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.EvaluationDataMissing, "quantize: the accuracy fallback needs a labelled evaluation set (data.evaluation with labels); add one or set fallback: false.", context.Options.LocationOf("fallback"));
        }

        var already = decision.FloatLayers;
        var outcome = AccuracyFallbackSearch.Search(
            layers => decision.Strategy.Build([.. already, .. layers]),
            decision.Strategy.Candidates.Where(c => !already.Contains(c)).ToList(),
            context.BaselineModel, evaluation, goals, options.FallbackSubset, options.FallbackMaxLayers, context.Threads, context.Progress, context.Cancellation);
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

        return outcome.FloatLayers;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
