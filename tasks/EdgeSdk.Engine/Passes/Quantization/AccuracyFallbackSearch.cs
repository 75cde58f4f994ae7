// Accuracy-aware fallback (in the spirit of NNCF's quantize_with_accuracy_control): when the quantized
// model misses the accuracy budget, rank each quantized layer by how much returning it alone to float
// helps on a bounded subset (accuracy first, then how much closer the logits get to the float model's),
// return layers to float one at a time in that order re-checking the full evaluation set, then drop any
// layer whose return turned out unnecessary, so the set kept float is small and explained.
using EdgeSdk.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>How much returning one layer to float helped on the ranking subset.</summary>
/// <param name="Layer">Node name.</param>
/// <param name="AccuracyGain">Subset accuracy with the layer float minus with everything quantized.</param>
/// <param name="NmseGain">Reduction of the logits' NMSE against the float model.</param>
internal sealed record LayerRanking(string Layer, double AccuracyGain, double NmseGain);

/// <summary>The fallback's outcome.</summary>
/// <param name="Met">Whether the budget is met.</param>
/// <param name="FloatLayers">Layers returned to float.</param>
/// <param name="BaselineAccuracy">Float model accuracy on the evaluation set.</param>
/// <param name="QuantizedAccuracy">Fully quantized accuracy.</param>
/// <param name="FinalAccuracy">Accuracy with <paramref name="FloatLayers"/> float.</param>
/// <param name="Ranking">All candidates, most harmful first.</param>
/// <param name="Required">The accuracy the budget requires.</param>
internal sealed record FallbackOutcome(bool Met, IReadOnlyList<string> FloatLayers, double BaselineAccuracy, double QuantizedAccuracy, double FinalAccuracy, IReadOnlyList<LayerRanking> Ranking, double Required);

/// <summary>Searches for the smallest set of layers to keep float.</summary>
internal static class AccuracyFallbackSearch
{
    /// <summary>Metric names the fallback can measure (top-1 accuracy of the first output).</summary>
    public static readonly IReadOnlySet<string> SupportedMetrics = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "accuracy", "MicroAccuracy", "top1" };

    /// <summary>Returns the accuracy <paramref name="goals"/> require given the float <paramref name="baseline"/>.</summary>
    public static double Required(IEnumerable<AccuracyGoal> goals, double baseline) => goals
        .Select(g => Math.Max(g.Floor ?? double.NegativeInfinity, g.MaxDrop is { } drop ? (g.Relative ? baseline * (1 - drop) : baseline - drop) : double.NegativeInfinity))
        .DefaultIfEmpty(double.NegativeInfinity)
        .Max();

    /// <summary>Runs the search.</summary>
    /// <param name="build">Builds the quantized model with the given layers kept float.</param>
    /// <param name="candidates">Quantized layers that may return to float.</param>
    /// <param name="floatModel">The float reference.</param>
    /// <param name="evaluation">Labelled evaluation data.</param>
    /// <param name="goals">Accuracy goals.</param>
    /// <param name="subset">Samples used for ranking.</param>
    /// <param name="maxLayers">Most layers to return to float.</param>
    /// <param name="threads">ONNX Runtime threads.</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="cancellation">Cancellation.</param>
    public static FallbackOutcome Search(Func<IReadOnlyCollection<string>, ModelGraph> build, IReadOnlyList<string> candidates, ModelGraph floatModel, IDataSet evaluation, IReadOnlyList<AccuracyGoal> goals, int subset, int maxLayers, int threads, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        var baseline = ClassifierProbe.Run(floatModel, evaluation, 0, threads, cancellation: cancellation).Accuracy;
        var required = Required(goals, baseline) - 1e-9;
        var quantized = ClassifierProbe.Run(build([]), evaluation, 0, threads, cancellation: cancellation).Accuracy;
        if (quantized >= required)
        {
            return new FallbackOutcome(true, [], baseline, quantized, quantized, [], required);
        }

        var floatSubset = ClassifierProbe.Run(floatModel, evaluation, subset, threads, cancellation: cancellation);
        var quantSubset = ClassifierProbe.Run(build([]), evaluation, subset, threads, cancellation: cancellation);
        var quantNmse = quantSubset.Nmse(floatSubset);
        var ranking = new List<LayerRanking>();
        for (var i = 0; i < candidates.Count; i++)
        {
            progress?.Report(new ProgressUpdate("fallback ranking", i, candidates.Count, candidates[i]));
            var probe = ClassifierProbe.Run(build([candidates[i]]), evaluation, subset, threads, cancellation: cancellation);
            ranking.Add(new LayerRanking(candidates[i], probe.Accuracy - quantSubset.Accuracy, quantNmse - probe.Nmse(floatSubset)));
        }

        ranking = ranking.OrderByDescending(r => r.AccuracyGain).ThenByDescending(r => r.NmseGain).ThenBy(r => r.Layer, StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        var accuracy = quantized;
        foreach (var candidate in ranking.Take(maxLayers))
        {
            kept.Add(candidate.Layer);
            progress?.Report(new ProgressUpdate("fallback", kept.Count, Math.Min(maxLayers, ranking.Count), candidate.Layer));
            accuracy = ClassifierProbe.Run(build(kept), evaluation, 0, threads, cancellation: cancellation).Accuracy;
            if (accuracy >= required)
            {
                break;
            }
        }

        if (accuracy < required)
        {
            return new FallbackOutcome(false, kept, baseline, quantized, accuracy, ranking, required);
        }

        // Drop layers whose return to float turned out unnecessary (latest additions are the most needed).
        foreach (var layer in kept.Take(kept.Count - 1).ToList())
        {
            var trial = kept.Where(l => l != layer).ToList();
            var trialAccuracy = ClassifierProbe.Run(build(trial), evaluation, 0, threads, cancellation: cancellation).Accuracy;
            if (trialAccuracy >= required)
            {
                kept = trial;
                accuracy = trialAccuracy;
            }
        }

        return new FallbackOutcome(true, kept, baseline, quantized, accuracy, ranking, required);
    }
}
