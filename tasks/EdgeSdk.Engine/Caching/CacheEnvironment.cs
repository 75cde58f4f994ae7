// The environment variables the step cache reads (documented in docs/caching.md). MSBuild properties and
// CLI options win over them; credentials are read only from here, so they never pass through MSBuild
// properties, logs, reports or manifests.
namespace EdgeSdk.Caching;

/// <summary>Names of the environment variables the cache honours.</summary>
internal static class CacheEnvironment
{
    /// <summary><c>false</c> disables the machine-wide and remote step caches (same as <c>EdgeCache=false</c>).</summary>
    public const string Enabled = "EDGE_CACHE";

    /// <summary>The machine-wide cache folder (same as <c>EdgeCacheDir</c> / <c>--cache-dir</c>).</summary>
    public const string Directory = "EDGE_CACHE_DIR";

    /// <summary>The remote cache URL, e.g. <c>http://cache:8080/edge</c> (same as <c>EdgeRemoteCache</c> / <c>--remote-cache</c>).</summary>
    public const string Remote = "EDGE_REMOTE_CACHE";

    /// <summary><c>false</c> makes the remote cache read-only (same as <c>EdgeRemoteCacheWrite=false</c>).</summary>
    public const string RemoteWrite = "EDGE_REMOTE_CACHE_WRITE";

    /// <summary>Seconds a single remote request may take (same as <c>EdgeRemoteCacheTimeout</c>).</summary>
    public const string RemoteTimeout = "EDGE_REMOTE_CACHE_TIMEOUT";

    /// <summary>A bearer token sent as <c>Authorization: Bearer …</c>.</summary>
    public const string Token = "EDGE_REMOTE_CACHE_TOKEN";

    /// <summary>The user name for HTTP basic authentication (with <see cref="Password"/>).</summary>
    public const string User = "EDGE_REMOTE_CACHE_USER";

    /// <summary>The password for HTTP basic authentication (with <see cref="User"/>).</summary>
    public const string Password = "EDGE_REMOTE_CACHE_PASSWORD";
}
