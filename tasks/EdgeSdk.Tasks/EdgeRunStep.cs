// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale), through the machine-wide
// and remote step caches; one open cache per build is shared by every step (so a remote outage warns once).
// Every step runs from the plan file EdgePlan wrote.
using EdgeSdk.Api;
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
                var index = int.Parse(item.GetMetadata("StepIndex"), System.Globalization.CultureInfo.InvariantCulture);
                var name = item.GetMetadata("StepName");
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {item.GetMetadata("ModelName")}: step {index}/{item.GetMetadata("StepCount")} {name}");
                var settings = PipelineItems.RunSettings(Log, Threads, _cancel.Token);
                var outcome = EdgeEngine.RunStep(PipelineItems.PlanFileOf(item), index, settings with { Cache = BuildCache(settings.Report) });
                if (outcome.Source != "computed")
                {
                    Log.LogMessage(MessageImportance.High, $"  {name}: restored from the {(outcome.Source == "local-cache" ? "machine-wide" : "remote")} cache");
                }

                foreach (var line in outcome.Summary)
                {
                    Log.LogMessage(MessageImportance.High, $"  {name}: {line}");
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
    private EdgeStepCache? BuildCache(Action<EdgeSdk.Diagnostics.EdgeDiagnostic> report)
    {
        var settings = StepCacheSettings.Resolve(new StepCacheRequest(Cache, CacheDirectory, RemoteCache, RemoteCacheWrite, RemoteCacheTimeout), report);
        if (!settings.Enabled)
        {
            return null;
        }

        lock (SharedGate)
        {
            if (BuildEngine4.GetRegisteredTaskObject(settings.Key, RegisteredTaskObjectLifetime.Build) is EdgeStepCache shared)
            {
                return shared;
            }

            var cache = settings.Open();
            BuildEngine4.RegisterTaskObject(settings.Key, cache, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            return cache;
        }
    }

    private static readonly object SharedGate = new();
}
