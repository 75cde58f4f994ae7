// Turns engine progress reports into MSBuild messages, at most one every few seconds per step, so that
// long calibrations and training runs show life in `dotnet build` without flooding CI logs.
using EdgeSdk.Passes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Rate-limited progress messages.</summary>
internal sealed class ThrottledProgress : IProgress<ProgressUpdate>
{
    private readonly TaskLoggingHelper _log;
    private readonly TimeSpan _interval;
    private readonly object _gate = new();
    private DateTime _last = DateTime.MinValue;
    private string? _lastStep;

    /// <summary>Creates the reporter.</summary>
    public ThrottledProgress(TaskLoggingHelper log, TimeSpan interval)
    {
        _log = log;
        _interval = interval;
    }

    /// <inheritdoc/>
    public void Report(ProgressUpdate value)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var finished = value.Total > 0 && value.Done >= value.Total;
            if (value.Step == _lastStep && !finished && now - _last < _interval)
            {
                return;
            }

            _last = now;
            _lastStep = value.Step;
            var amount = value.Total > 0 ? $"{value.Done}/{value.Total} ({100.0 * value.Done / value.Total:0}%)" : $"{value.Done}";
            _log.LogMessage(MessageImportance.High, $"  EdgeSdk: {value.Step} {amount}{(value.Detail is null ? string.Empty : " " + value.Detail)}");
        }
    }
}
