// Measures latency honestly: untimed warm-up runs, then a fixed number of timed runs (or runs until a
// duration has passed, whichever is longer), each timed alone by the runner around the native call only, on
// inputs of the evaluated batch size prepared once so that input building is not timed.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;

namespace EdgeSdk.Evaluation;

/// <summary>Times repeated runs of a prepared model.</summary>
internal static class LatencyRunner
{
    /// <summary>Warms up, times the runs and summarizes them.</summary>
    /// <param name="run">The prepared run.</param>
    /// <param name="settings">Warm-up, runs, duration, batch and threads.</param>
    /// <param name="progress">Receives an update after each timed run (wrap it in <see cref="ThrottledProgress"/>).</param>
    /// <param name="ct">Cancels between runs.</param>
    /// <param name="clock">Time source for the duration limit (the timed runs always use the high-resolution timestamp).</param>
    public static LatencyStatistics Measure(IRepeatedRun run, EvaluationSettings settings, IProgress<ProgressUpdate>? progress, CancellationToken ct, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        for (var i = 0; i < settings.Warmup; i++)
        {
            ct.ThrowIfCancellationRequested();
            run.RunOnce();
        }

        var samples = new List<double>(settings.Runs);
        var started = clock.GetTimestamp();
        var duration = settings.DurationSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;
        while (samples.Count < settings.Runs || clock.GetElapsedTime(started) < duration)
        {
            ct.ThrowIfCancellationRequested();
            samples.Add(run.RunOnce().TotalMilliseconds);
            progress?.Report(new ProgressUpdate("latency", samples.Count, settings.DurationSeconds is null ? settings.Runs : 0));
        }

        return LatencyStatistics.FromSamples(samples, settings.Warmup, settings.Batch, settings.Threads);
    }
}
