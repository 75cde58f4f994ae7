// Times several models in one process, interleaved: warm-up runs alternate between the models, then each
// round gives every model a short block of timed runs, in alternating order (forward, then backward), so
// that drift on a shared machine (another build starting, thermal or frequency changes) affects every
// stage alike and ratios between them stay meaningful. Timing goes on until every model has the requested
// runs (and the minimum duration has passed), then — when the caller's budgets are not yet settled by the
// confidence intervals — until they are, or until the bounded measuring time is spent.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;

namespace EdgeSdk.Evaluation;

/// <summary>The result of an interleaved measurement.</summary>
/// <param name="Stages">The statistics of each model, in the order given.</param>
/// <param name="Rounds">The rounds timed.</param>
/// <param name="Seconds">The wall time spent timing (warm-up excluded).</param>
/// <param name="Settled">Whether the caller's settle test passed (true when there was none).</param>
internal sealed record InterleavedLatency(IReadOnlyList<LatencyStatistics> Stages, int Rounds, double Seconds, bool Settled);

/// <summary>Times prepared runs of several models interleaved.</summary>
internal static class InterleavedLatencyRunner
{
    /// <summary>Rounds the requested runs are spread over (at least): enough for drift to even out.</summary>
    public const int TargetRounds = 20;

    /// <summary>Returns how many runs each model gets per round: sample <c>i</c> of a model ran in round <c>i / BlockSize</c>.</summary>
    public static int BlockSize(EvaluationSettings settings) => Math.Clamp(settings.Runs / TargetRounds, 1, 50);

    /// <summary>Measures <paramref name="runs"/> interleaved.</summary>
    /// <param name="runs">One prepared run per model.</param>
    /// <param name="settings">Warm-up, runs, minimum duration, the measuring-time bound, batch and threads.</param>
    /// <param name="settled">Returns whether the statistics so far decide everything the caller judges; null to stop at the requested runs.</param>
    /// <param name="progress">Receives an update after each round.</param>
    /// <param name="ct">Cancels between runs.</param>
    /// <param name="clock">Time source for the durations (runs are timed by the runner itself).</param>
    public static InterleavedLatency Measure(IReadOnlyList<IRepeatedRun> runs, EvaluationSettings settings, Func<IReadOnlyList<LatencyStatistics>, bool>? settled, IProgress<ProgressUpdate>? progress, CancellationToken ct, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        clock ??= TimeProvider.System;
        for (var w = 0; w < settings.Warmup; w++)
        {
            foreach (var run in runs)
            {
                ct.ThrowIfCancellationRequested();
                run.RunOnce();
            }
        }

        var block = BlockSize(settings);
        var samples = runs.Select(_ => new List<double>(settings.Runs)).ToArray();
        var minimum = TimeSpan.FromSeconds(settings.DurationSeconds ?? 0);
        var bound = TimeSpan.FromSeconds(Math.Max(settings.DurationSeconds ?? 0, settings.MaxLatencySeconds));
        var started = clock.GetTimestamp();
        var rounds = 0;
        var checkedAt = 0;
        var isSettled = settled is null;
        while (true)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var s = rounds % 2 == 0 ? i : runs.Count - 1 - i;
                for (var b = 0; b < block; b++)
                {
                    ct.ThrowIfCancellationRequested();
                    samples[s].Add(runs[s].RunOnce().TotalMilliseconds);
                }
            }

            rounds++;
            var count = samples[0].Count;
            progress?.Report(new ProgressUpdate("latency", count, settings.DurationSeconds is null && settled is null ? settings.Runs : 0));
            var elapsed = clock.GetElapsedTime(started);
            if (count < settings.Runs || elapsed < minimum)
            {
                continue;
            }

            if (settled is null)
            {
                break;
            }

            // Judging sorts every sample: do it when the runs have grown by a quarter since the last look.
            var outOfTime = elapsed >= bound;
            if (checkedAt == 0 || count >= checkedAt * 5 / 4 || outOfTime)
            {
                checkedAt = count;
                if (settled(Summaries(samples, settings)))
                {
                    isSettled = true;
                    break;
                }
            }

            if (outOfTime)
            {
                break;
            }
        }

        return new InterleavedLatency(Summaries(samples, settings), rounds, clock.GetElapsedTime(started).TotalSeconds, isSettled);
    }

    private static IReadOnlyList<LatencyStatistics> Summaries(List<double>[] samples, EvaluationSettings settings) =>
        samples.Select(s => LatencyStatistics.FromSamples(s, settings.Warmup, settings.Batch, settings.Threads)).ToList();
}
