// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale), through the machine-wide
// and remote step caches; one StepCache per build is shared by every step (so a remote outage warns once).
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks;

/// <summary>Runs one step planned by <see cref="EdgePlan"/>.</summary>
public sealed class EdgeRunStep : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the step item (one per batch).</summary>
    [Required]
    public ITaskItem[] Step { get; set; } = [];

    /// <summary>Gets or sets the thread count (0 = the recipe's).</summary>
    public int Threads { get; set; }

    /// <summary>Gets or sets <c>$(EdgeCache)</c>: false disables the machine-wide and remote caches.</summary>
    public string Cache { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeCacheDir)</c>: the machine-wide cache folder (empty = the per-user default).</summary>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCache)</c>: the remote cache URL.</summary>
    public string RemoteCache { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCacheWrite)</c>: false makes the remote cache read-only.</summary>
    public string RemoteCacheWrite { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCacheTimeout)</c>: seconds per remote request.</summary>
    public string RemoteCacheTimeout { get; set; } = string.Empty;

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute() => MSBuildDiagnostics.Guard(Log, ExecuteCore);

    private bool ExecuteCore()
    {
        foreach (var item in Step)
        {
            var ok = MSBuildDiagnostics.Run(Log, () =>
            {
                if (PipelineItems.Rebuild(Log, item) is not var (recipe, plan))
                {
                    return false;
                }

                var step = plan.Steps[int.Parse(item.GetMetadata("StepIndex"), System.Globalization.CultureInfo.InvariantCulture) - 1];
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {plan.ModelName}: step {step.Index}/{plan.Steps.Count} {step.Name}");
                var options = PipelineItems.RunOptions(Log, Threads, _cancel.Token);
                var record = StepRunner.Run(recipe, plan, step, options with { Cache = BuildCache(options.Report) });
                if (record.Source != CacheSource.Computed)
                {
                    Log.LogMessage(MessageImportance.High, $"  {step.Name}: restored from the {(record.Source == CacheSource.Local ? "machine-wide" : "remote")} cache");
                }

                foreach (var line in record.Summary)
                {
                    Log.LogMessage(MessageImportance.High, $"  {step.Name}: {line}");
                }

                return true;
            });
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the build's shared step cache for these settings (created on first use, disposed by MSBuild at the end of the build).</summary>
    private StepCache? BuildCache(Action<EdgeSdk.Diagnostics.EdgeDiagnostic> report)
    {
        var settings = CacheSettings.Resolve(new CacheSettingsInput(Cache, CacheDirectory, RemoteCache, RemoteCacheWrite, RemoteCacheTimeout), report);
        if (!settings.Enabled)
        {
            return null;
        }

        var key = $"EdgeSdk.StepCache|{settings.LocalDirectory}|{settings.Remote}|{settings.RemoteWrite}|{settings.RemoteTimeout}";
        lock (SharedGate)
        {
            if (BuildEngine4.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is StepCache shared)
            {
                return shared;
            }

            var cache = new StepCache(settings);
            BuildEngine4.RegisterTaskObject(key, cache, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            return cache;
        }
    }

    private static readonly object SharedGate = new();
}
