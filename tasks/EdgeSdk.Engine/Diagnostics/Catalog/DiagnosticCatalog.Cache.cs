// The step cache section of the diagnostics catalogue (Cache). Every cache code but the CLI's size error is a
// warning: a cache can only save work, so a cache problem costs one warning and a local computation, never a
// failed build. See DiagnosticCatalog for how to add a code.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the machine-wide and remote step caches.</summary>
    [Description("Step cache")]
    internal static class Cache
    {
        /// <summary>EDGE0401 Remote cache unavailable.</summary>
        public static readonly DiagnosticDescriptor RemoteCacheUnavailable = new("EDGE0401", DiagnosticSeverity.Warning, "Remote cache unavailable",
            "The remote step cache could not be used: the server is down, timed out (`EdgeRemoteCacheTimeout`), answered 5xx or 403, or dropped the connection mid-transfer. The steps are computed locally and the server is not asked again for the rest of the build. See docs/caching.md.");

        /// <summary>EDGE0402 Cache entry corrupt.</summary>
        public static readonly DiagnosticDescriptor CacheEntryCorrupt = new("EDGE0402", DiagnosticSeverity.Warning, "Cache entry corrupt",
            "A step cache entry was corrupt, truncated or incomplete (a blob failed its sha256 check or is missing). It was ignored, the step was recomputed and the entry stored again (uploaded again to a remote cache that accepts uploads).");

        /// <summary>EDGE0403 Cache setting invalid.</summary>
        public static readonly DiagnosticDescriptor CacheSettingInvalid = new("EDGE0403", DiagnosticSeverity.Warning, "Cache setting invalid",
            "A cache setting is invalid and was ignored: `EdgeRemoteCache` is not an http(s) URL, carries credentials or a query, or `EdgeCache`, `EdgeRemoteCacheWrite` or `EdgeRemoteCacheTimeout` does not parse. Credentials go in `EDGE_REMOTE_CACHE_TOKEN` or `EDGE_REMOTE_CACHE_USER`/`EDGE_REMOTE_CACHE_PASSWORD` (docs/caching.md).");

        /// <summary>EDGE0404 Local cache unusable.</summary>
        public static readonly DiagnosticDescriptor LocalCacheUnusable = new("EDGE0404", DiagnosticSeverity.Warning, "Local cache unusable",
            "The machine-wide step cache folder cannot be read or written (permissions, a file in the way, a full disk); the build goes on without it. Set `EdgeCacheDir` (or `EDGE_CACHE_DIR`) to a writable folder.");

        /// <summary>EDGE0405 Remote cache refused an upload.</summary>
        public static readonly DiagnosticDescriptor RemoteCacheWriteRejected = new("EDGE0405", DiagnosticSeverity.Warning, "Remote cache refused an upload",
            "The remote step cache refused an upload (401, 403, 405, 413 or 507). Reads go on; uploads stop for the rest of the build. Give the build write credentials, or set `EdgeRemoteCacheWrite=false` for read-only clients such as pull-request builds.");

        /// <summary>EDGE0406 Malformed size.</summary>
        public static readonly DiagnosticDescriptor MalformedSize = new("EDGE0406", DiagnosticSeverity.Error, "Malformed size",
            "`edgesdk cache prune --max-size` is not a size. Write a number with an optional unit: `500MB`, `2GiB`, `0`.");
    }
}
