// Trials are measured one after another, minutes apart, and absolute times on a shared machine drift by 2x in
// that time: on a loaded 2-core EPYC the stock search once chose the float model for MobileNet at batch 32
// (static int8 was 1.81x faster) and a plain int8 transformer 0.70x as fast as float, because each had been
// timed at a quieter moment than its rivals. Before the selection, the distinct models of the trials that ran
// and the baseline are therefore timed again together, interleaved in one run (InterleavedLatencyRunner), and
// their latencies replace the separate ones, so the ranking compares figures measured under the same drift.
// That measurement is not the recipe's bare run count: with its 30 runs at batch 32 each model ran once per
// round, straight after another model (its caches holding the other's weights), for 20 ms in all, and the
// search chose a float transformer that static int8 beat by 7 % when timed warm for seconds. Each model
// therefore runs in blocks of at least MinimumBlock runs, for at least SecondsPerModel seconds in all.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.IO;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>Re-times the search's models together, interleaved, before a trial is chosen.</summary>
internal static class FinalistTiming
{
    /// <summary>The fewest runs a model gets in a row in one round (the first of them warms its caches again).</summary>
    public const int MinimumBlock = 10;

    /// <summary>The least measuring time per distinct model.</summary>
    public const double SecondsPerModel = 1.0;

    /// <summary>
    /// Returns <paramref name="trials"/> and <paramref name="baseline"/> with their latencies replaced by one interleaved
    /// measurement of every distinct model found in <paramref name="modelFiles"/> (trial id → final model file);
    /// trials whose file is gone keep their own measurement. <paramref name="data"/> gives the evaluation set a model is fed from.
    /// </summary>
    public static (IReadOnlyList<TrialResult> Trials, StageMeasurement Baseline) Retime(
        IReadOnlyList<TrialResult> trials, StageMeasurement baseline, string baselineModel, IReadOnlyDictionary<string, string> modelFiles, Recipe recipe, EvaluationSettings settings, Func<ModelGraph, IDataSet?> data, PipelineRunOptions options)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [baseline.Sha256] = baselineModel };
        foreach (var trial in trials)
        {
            if (trial.Measurement is { Latency: not null } m && modelFiles.TryGetValue(trial.Id, out var file) && File.Exists(file) && Fingerprint.FileSha256(file) == m.Sha256)
            {
                files.TryAdd(m.Sha256, file);
            }
        }

        if (files.Count < 2 || baseline.Latency is null)
        {
            return (trials, baseline);
        }

        var shas = files.Keys.ToList();
        var graphs = shas.Select(sha => ModelGraph.Load(files[sha])).ToList();
        var finalists = settings with
        {
            Runs = Math.Max(settings.Runs, InterleavedLatencyRunner.TargetRounds * MinimumBlock),
            DurationSeconds = Math.Max(settings.DurationSeconds ?? 0, SecondsPerModel * graphs.Count),
        };
        var latencies = StageEvaluator.TimeTogether(graphs.Count, i => graphs[i], recipe, finalists, data(graphs[0]), null, options);
        var bySha = shas.Select((s, i) => (s, latencies[i])).ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
        var retimed = trials.Select(t => t.Measurement is { } m && bySha.TryGetValue(m.Sha256, out var l) ? t with { Measurement = m with { Latency = l } } : t).ToList();
        return (retimed, baseline with { Latency = bySha[baseline.Sha256] });
    }
}
