// The step cache of one MSBuild build: the cache settings every EdgeSdk task receives from the Edge*Cache*
// properties, and one StepCache per build and settings, shared by every task through MSBuild's registered
// task objects (so a remote outage warns once per build, and MSBuild disposes it when the build ends).
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks;

/// <summary>Cache settings as task parameters.</summary>
public abstract class CachingTask : Microsoft.Build.Utilities.Task
{
    private static readonly object SharedGate = new();

    /// <summary>Gets or sets <c>$(EdgeCache)</c>: false disables the machine-wide and remote caches.</summary>
    public string Cache { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeCacheDir)</c> made absolute: the machine-wide cache folder (empty = the per-user default).</summary>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCache)</c>: the remote cache URL.</summary>
    public string RemoteCache { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCacheWrite)</c>: false makes the remote cache read-only.</summary>
    public string RemoteCacheWrite { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>$(EdgeRemoteCacheTimeout)</c>: seconds per remote request.</summary>
    public string RemoteCacheTimeout { get; set; } = string.Empty;

    /// <summary>Returns the build's shared step cache for these settings, or null when caching is off.</summary>
    private protected StepCache? BuildCache(Action<EdgeDiagnostic> report)
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
}
