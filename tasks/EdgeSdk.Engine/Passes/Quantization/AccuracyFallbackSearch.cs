// Accuracy-aware fallback (in the spirit of NNCF's quantize_with_accuracy_control): when the quantized
// model misses a metric budget, rank each quantized layer by how much returning it alone to float helps on
// a bounded subset (the missed metric first, in its own direction, then how much closer the outputs get
// to the float model's), return layers to float one at a time in that order re-checking every goal on
// the full evaluation set, then drop any layer whose return turned out unnecessary, so the set kept float
// is small and explained. Metrics come from the evaluator's own path (OutputMetrics): task metrics with
// labels (accuracy, AUC, MAE, RMSE, R² …), fidelity to the float model without them.
using EdgeSdk.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>How much returning one layer to float helped on the ranking subset.</summary>
/// <param name="Layer">Node name.</param>
/// <param name="MetricGain">How much better the ranking metric got with the layer float than with everything quantized, in the metric's own units (positive = better, whatever the metric's direction).</param>
/// <param name="NmseGain">Reduction of the outputs' NMSE against the float model.</param>
internal sealed record LayerRanking(string Layer, double MetricGain, double NmseGain);

/// <summary>The fallback's outcome.</summary>
/// <param name="Met">Whether every goal is met.</param>
/// <param name="FloatLayers">Layers returned to float.</param>
/// <param name="Metric">The metric the layers were ranked by (the first goal the fully quantized model missed, else the first goal).</param>
/// <param name="Baseline">The float model's value of <paramref name="Metric"/> on the evaluation set.</param>
/// <param name="Quantized">The fully quantized model's value.</param>
/// <param name="Final">The value with <paramref name="FloatLayers"/> float.</param>
/// <param name="Ranking">All candidates, most harmful first.</param>
/// <param name="Required">The worst value of <paramref name="Metric"/> its goal allows (a floor for higher-is-better metrics, a ceiling otherwise).</param>
internal sealed record FallbackOutcome(bool Met, IReadOnlyList<string> FloatLayers, string Metric, double Baseline, double Quantized, double Final, IReadOnlyList<LayerRanking> Ranking, double Required);

/// <summary>Searches for the smallest set of layers to keep float.</summary>
internal static class AccuracyFallbackSearch
{
    /// <summary>Runs the search.</summary>
    /// <param name="build">Builds the quantized model with the given layers kept float.</param>
    /// <param name="candidates">Quantized layers that may return to float.</param>
    /// <param name="floatModel">The float reference (the pipeline's input: the baseline of drops and the reference of fidelity metrics).</param>
    /// <param name="evaluation">Evaluation data (labels needed only for task metrics).</param>
    /// <param name="goals">Metric goals, each judged in its metric's direction.</param>
    /// <param name="settings">The recipe's metric settings (task, top-k, binary threshold).</param>
    /// <param name="subset">Samples used for ranking.</param>
    /// <param name="maxLayers">Most layers to return to float.</param>
    /// <param name="threads">ONNX Runtime threads.</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="cancellation">Cancellation.</param>
    public static FallbackOutcome Search(Func<IReadOnlyCollection<string>, ModelGraph> build, IReadOnlyList<string> candidates, ModelGraph floatModel, IDataSet evaluation, IReadOnlyList<AccuracyGoal> goals, EvaluationSettings settings, int subset, int maxLayers, int threads, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        if (goals.Count == 0)
        {
            throw new ArgumentException("The fallback needs at least one goal.", nameof(goals));
        }

        ProbeResult Probe(ModelGraph model, int samples) => ClassifierProbe.Run(model, evaluation, samples, threads, cancellation: cancellation);
        var floatFull = Probe(floatModel, 0);
        OutputMetrics Measure(ProbeResult probe, ProbeResult reference) => probe.Metrics(settings, reference, evaluation.Name);
        double Value(OutputMetrics metrics, AccuracyGoal goal) => metrics.Find(goal.Metric) ?? double.NaN;

        var baselineMetrics = Measure(floatFull, floatFull);
        var baselines = goals.Select(g => Value(baselineMetrics, g)).ToArray();
        bool Met(OutputMetrics metrics, int goal) => goals[goal].IsMet(baselines[goal], Value(metrics, goals[goal]));
        bool MetAll(OutputMetrics metrics) => Enumerable.Range(0, goals.Count).All(i => Met(metrics, i));

        var quantizedMetrics = Measure(Probe(build([]), 0), floatFull);
        var first = Enumerable.Range(0, goals.Count).Where(i => !Met(quantizedMetrics, i)).DefaultIfEmpty(0).First();
        var primary = goals[first];
        var definition = MetricDefinition.Of(primary.Metric);
        var quantized = Value(quantizedMetrics, primary);
        var required = primary.Limit(baselines[first]);
        if (MetAll(quantizedMetrics))
        {
            return new FallbackOutcome(true, [], primary.Metric, baselines[first], quantized, quantized, [], required);
        }

        var floatSubset = Probe(floatModel, subset);
        var quantSubset = Probe(build([]), subset);
        var quantSubsetValue = Value(Measure(quantSubset, floatSubset), primary);
        var quantNmse = quantSubset.Nmse(floatSubset);
        var ranking = new List<LayerRanking>();
        for (var i = 0; i < candidates.Count; i++)
        {
            progress?.Report(new ProgressUpdate("fallback ranking", i, candidates.Count, candidates[i]));
            var probe = Probe(build([candidates[i]]), subset);
            var gain = definition.Worsening(Value(Measure(probe, floatSubset), primary), quantSubsetValue);
            ranking.Add(new LayerRanking(candidates[i], double.IsNaN(gain) ? 0 : gain, quantNmse - probe.Nmse(floatSubset)));
        }

        ranking = ranking.OrderByDescending(r => r.MetricGain).ThenByDescending(r => r.NmseGain).ThenBy(r => r.Layer, StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        var current = quantizedMetrics;
        foreach (var candidate in ranking.Take(maxLayers))
        {
            kept.Add(candidate.Layer);
            progress?.Report(new ProgressUpdate("fallback", kept.Count, Math.Min(maxLayers, ranking.Count), candidate.Layer));
            current = Measure(Probe(build(kept), 0), floatFull);
            if (MetAll(current))
            {
                break;
            }
        }

        if (!MetAll(current))
        {
            return new FallbackOutcome(false, kept, primary.Metric, baselines[first], quantized, Value(current, primary), ranking, required);
        }

        // Drop layers whose return to float turned out unnecessary (latest additions are the most needed).
        foreach (var layer in kept.Take(kept.Count - 1).ToList())
        {
            var trial = kept.Where(l => l != layer).ToList();
            var trialMetrics = Measure(Probe(build(trial), 0), floatFull);
            if (MetAll(trialMetrics))
            {
                kept = trial;
                current = trialMetrics;
            }
        }

        return new FallbackOutcome(true, kept, primary.Metric, baselines[first], quantized, Value(current, primary), ranking, required);
    }
}
