// The step caches (machine-wide and remote) as the public engine API exposes them: adapters resolve the
// settings once, share one open cache per build (MSBuild registers it as a build-lifetime object) and pass it
// to EdgeEngine.RunStep through RunSettings. What the caches do lives in Caching/.
using EdgeSdk.Caching;

namespace EdgeSdk.Api;

/// <summary>Cache settings as the user gave them (MSBuild properties <c>EdgeCache</c>, <c>EdgeCacheDir</c>, <c>EdgeRemoteCache</c> …; empty = default).</summary>
/// <param name="Enabled"><c>false</c> disables both caches.</param>
/// <param name="Directory">The machine-wide cache folder.</param>
/// <param name="Remote">The remote cache URL.</param>
/// <param name="RemoteWrite"><c>false</c> makes the remote cache read-only.</param>
/// <param name="RemoteTimeout">Seconds per remote request.</param>
public sealed record StepCacheRequest(string? Enabled = null, string? Directory = null, string? Remote = null, string? RemoteWrite = null, string? RemoteTimeout = null);

/// <summary>Resolved cache settings: whether caching is on, and a key that is equal exactly when two builds may share one open cache.</summary>
public sealed class StepCacheSettings
{
    private readonly CacheSettings _settings;

    internal StepCacheSettings(CacheSettings settings) => _settings = settings;

    /// <summary>Gets whether any cache is used.</summary>
    public bool Enabled => _settings.Enabled;

    /// <summary>Gets a key naming these settings (for sharing one open cache per build).</summary>
    public string Key => $"EdgeSdk.StepCache|{_settings.LocalDirectory}|{_settings.Remote}|{_settings.RemoteWrite}|{_settings.RemoteTimeout}";

    /// <summary>Resolves <paramref name="request"/> (with the environment's credentials); problems are reported as warnings, never thrown.</summary>
    public static StepCacheSettings Resolve(StepCacheRequest request, Action<EdgeDiagnostic> report)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(CacheSettings.Resolve(new CacheSettingsInput(request.Enabled, request.Directory, request.Remote, request.RemoteWrite, request.RemoteTimeout), report));
    }

    /// <summary>Opens the caches these settings describe.</summary>
    public EdgeStepCache Open() => new(new StepCache(_settings));

    /// <summary>Measures the machine-wide cache (whether or not caching is enabled).</summary>
    public CacheStatistics Statistics() => Describe(LocalCacheMaintenance.Stats(new LocalCache(_settings.LocalDirectory)));

    /// <summary>
    /// Trims the machine-wide cache, least recently used first, to at most <paramref name="maxSize"/>; always removes
    /// stale temporary files and entries whose blobs are gone. A malformed size throws <see cref="EdgeException"/> (EDGE error).
    /// </summary>
    /// <param name="maxSize">The size to keep, e.g. <c>500MB</c>, <c>2GiB</c> or <c>0</c>; null for no limit.</param>
    /// <param name="origin">How the user gave the size (e.g. <c>--max-size</c>), for messages.</param>
    public CachePruneOutcome Prune(string? maxSize, string origin)
    {
        var limit = long.MaxValue;
        if (maxSize is not null)
        {
            limit = ByteSize.TryParse(maxSize) ?? throw new EdgeException(DiagnosticCatalog.Cache.MalformedSize, $"{origin} '{maxSize}' is not a size; write e.g. 500MB, 2GiB or 0.");
        }

        var result = LocalCacheMaintenance.Prune(new LocalCache(_settings.LocalDirectory), limit);
        return new CachePruneOutcome(result.RemovedFiles, result.RemovedBytes, Describe(result.After));
    }

    /// <summary>Serializes <paramref name="statistics"/> as <c>edgesdk cache stats --json</c> prints it (camel-case keys, nulls left out).</summary>
    /// <param name="statistics">The statistics.</param>
    public static string ToJson(CacheStatistics statistics) => System.Text.Json.JsonSerializer.Serialize(statistics, Pipeline.StepRecord.Json);

    private static CacheStatistics Describe(LocalCacheStats s) => new(s.Directory, s.Entries, s.Blobs, s.Bytes, s.OldestUse, s.NewestUse);
}

/// <summary>An open step cache; dispose it at the end of the build.</summary>
public sealed class EdgeStepCache : IDisposable
{
    internal EdgeStepCache(StepCache cache) => Cache = cache;

    internal StepCache Cache { get; }

    /// <inheritdoc/>
    public void Dispose() => Cache.Dispose();
}
