// Where a step's output came from; the step record and the manifest carry it so that a reader can tell
// which steps a build computed and which it took from the machine-wide or the remote cache.
namespace EdgeSdk.Caching;

/// <summary>The origins of a step result, as written to step records and manifests.</summary>
internal static class CacheSource
{
    /// <summary>The pass ran in this build.</summary>
    public const string Computed = "computed";

    /// <summary>The result came from the machine-wide local cache.</summary>
    public const string Local = "local-cache";

    /// <summary>The result came from the remote cache.</summary>
    public const string Remote = "remote-cache";
}
