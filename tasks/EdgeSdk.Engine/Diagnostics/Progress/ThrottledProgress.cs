// Forwards progress updates of long steps (calibration, training, evaluation, latency runs) to a sink at
// most once per interval, always passing the first update of a step and its completion. The CLI wraps a
// live bar with a short interval; MSBuild wraps its message logger with a few seconds, so a CI log gets a
// handful of lines per step instead of one per batch.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;

namespace EdgeSdk.Diagnostics;

/// <summary>An <see cref="IProgress{T}"/> that drops updates arriving sooner than an interval after the last one passed on.</summary>
internal sealed class ThrottledProgress : IProgress<ProgressUpdate>
{
    private readonly Action<ProgressUpdate> _sink;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private string? _lastStep;
    private long _lastTimestamp;
    private bool _lastWasFinal;

    /// <summary>Creates the throttle.</summary>
    /// <param name="sink">Receives the updates that pass.</param>
    /// <param name="interval">Least time between two updates of the same step (first and final updates always pass).</param>
    /// <param name="clock">Time source (tests pass a manual clock); the system clock by default.</param>
    public ThrottledProgress(Action<ProgressUpdate> sink, TimeSpan interval, TimeProvider? clock = null)
    {
        _sink = sink;
        _interval = interval;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Gets the interval the CLI's live bar uses.</summary>
    public static TimeSpan InteractiveInterval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the interval for build and CI logs.</summary>
    public static TimeSpan LogInterval { get; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public void Report(ProgressUpdate value)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var final = value.Total > 0 && value.Done >= value.Total;
            var newStep = !string.Equals(value.Step, _lastStep, StringComparison.Ordinal);
            var due = _clock.GetElapsedTime(_lastTimestamp, now) >= _interval;
            if (final && !newStep && _lastWasFinal)
            {
                return;
            }

            if (!newStep && !final && !due)
            {
                return;
            }

            _lastStep = value.Step;
            _lastTimestamp = now;
            _lastWasFinal = final;
            _sink(value);
        }
    }

    /// <summary>Formats an update as one log line, e.g. <c>latency: 40/100 (40%), p50 1.2 ms</c>.</summary>
    public static string Format(ProgressUpdate update)
    {
        var amount = update.Total > 0
            ? $"{update.Done}/{update.Total} ({100.0 * update.Done / update.Total:0}%)"
            : update.Done.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return update.Detail is { Length: > 0 } detail ? $"{update.Step}: {amount}, {detail}" : $"{update.Step}: {amount}";
    }
}
