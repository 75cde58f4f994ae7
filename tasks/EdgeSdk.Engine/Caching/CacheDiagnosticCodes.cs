// Diagnostic codes of the step cache. Every one is a warning: a cache can only save work, so any cache
// problem costs one warning and a local computation, never a failed build.
namespace EdgeSdk.Caching;

/// <summary>Codes the local and remote step caches report.</summary>
internal static class CacheDiagnosticCodes
{
    /// <summary>The remote cache could not be used (server down, timeout, 5xx or 403 answer, connection dropped mid-transfer); the build computes the steps locally and stops asking that server for the rest of the build.</summary>
    public const string RemoteCacheUnavailable = "EDGE0401";

    /// <summary>A cache entry was corrupt, truncated or incomplete (a blob failed its sha256 check or is missing); it was ignored, the step was recomputed and the entry stored again.</summary>
    public const string CacheEntryCorrupt = "EDGE0402";

    /// <summary>A cache setting is invalid (e.g. <c>EdgeRemoteCache</c> is not an http(s) URL or contains credentials, or a timeout is not a number of seconds); the setting is ignored. Credentials go in the environment variables listed in docs/caching.md.</summary>
    public const string CacheSettingInvalid = "EDGE0403";

    /// <summary>The machine-wide local cache folder cannot be read or written (permissions, full disk); the build goes on without it. Set <c>EdgeCacheDir</c> to a writable folder.</summary>
    public const string LocalCacheUnusable = "EDGE0404";

    /// <summary>The remote cache refused an upload (e.g. 401, 403, 405 or 413); reads continue, uploads stop for the rest of the build. Set <c>EdgeRemoteCacheWrite=false</c> for read-only clients.</summary>
    public const string RemoteCacheWriteRejected = "EDGE0405";
}
