// What the latency benchmarks share: models timed together by the interleaved runner on one intra-op thread,
// with their sessions and prepared runs disposed after, and the median of a list of timings.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;

namespace EdgeSdk.Bench;

/// <summary>Interleaved timing of fixture models for the benchmarks.</summary>
internal static class BenchTiming
{
    /// <summary>Times <paramref name="models"/> together with <paramref name="settings"/> (1 thread) on a timing batch from <paramref name="data"/>.</summary>
    public static InterleavedLatency Interleaved(IReadOnlyList<ModelGraph> models, IDataSet data, EvaluationSettings settings)
    {
        var runners = models.Select(m => OrtModelRunner.Create(m, 1)).ToList();
        var inputs = DataFeeds.TimingBatch(models[0], models[0].RealInputs.Select(i => i.Name).ToList(), data, settings.Batch);
        var runs = runners.Select(r => r.PrepareRepeated(inputs)).ToList();
        try
        {
            return InterleavedLatencyRunner.Measure(runs, settings, null, null, CancellationToken.None);
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
            runners.ForEach(r => r.Dispose());
        }
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values) => LatencyStatistics.Percentile(values.Order().ToArray(), 50);
}
