// What the step cache is told to do, resolved once per build from the MSBuild properties or CLI options
// (which win) and the environment (for CI): whether it is on, the machine-wide folder, the remote URL,
// whether uploads are allowed, the per-request timeout and the credentials. Invalid values are ignored
// with a warning: a cache setting can never fail a build.
using System.Globalization;
using System.Net.Http.Headers;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Caching;

/// <summary>Raw cache settings as an adapter received them (null or empty = not set).</summary>
/// <param name="Enabled"><c>EdgeCache</c>: <c>false</c> turns the machine-wide and remote caches off.</param>
/// <param name="Directory"><c>EdgeCacheDir</c> / <c>--cache-dir</c>.</param>
/// <param name="Remote"><c>EdgeRemoteCache</c> / <c>--remote-cache</c>.</param>
/// <param name="RemoteWrite"><c>EdgeRemoteCacheWrite</c>: <c>false</c> = read-only.</param>
/// <param name="RemoteTimeout"><c>EdgeRemoteCacheTimeout</c>: seconds per request.</param>
internal sealed record CacheSettingsInput(string? Enabled = null, string? Directory = null, string? Remote = null, string? RemoteWrite = null, string? RemoteTimeout = null);

/// <summary>Resolved cache settings.</summary>
internal sealed record CacheSettings
{
    /// <summary>The default time one remote request (connect, headers and body) may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets whether the caches are used at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the machine-wide cache folder.</summary>
    public required string LocalDirectory { get; init; }

    /// <summary>Gets the remote cache base URL (ending in '/'), or null for none.</summary>
    public Uri? Remote { get; init; }

    /// <summary>Gets whether results may be uploaded to <see cref="Remote"/>.</summary>
    public bool RemoteWrite { get; init; } = true;

    /// <summary>Gets the bound on each remote request.</summary>
    public TimeSpan RemoteTimeout { get; init; } = DefaultTimeout;

    /// <summary>Gets the Authorization header value from the environment (never logged).</summary>
    public AuthenticationHeaderValue? Credentials { get; init; }

    /// <summary>Renders the settings with the credentials masked.</summary>
    public override string ToString() =>
        $"CacheSettings {{ Enabled = {Enabled}, LocalDirectory = {LocalDirectory}, Remote = {Remote?.ToString() ?? "none"}, RemoteWrite = {RemoteWrite}, RemoteTimeout = {RemoteTimeout.TotalSeconds} s, Credentials = {(Credentials is null ? "none" : Credentials.Scheme + " ***")} }}";

    /// <summary>Resolves <paramref name="input"/> against the process environment.</summary>
    public static CacheSettings Resolve(CacheSettingsInput input, Action<EdgeDiagnostic> report) =>
        Resolve(input, Environment.GetEnvironmentVariable, report);

    /// <summary>Resolves <paramref name="input"/> against <paramref name="environment"/>; invalid values are reported (EDGE0403) and ignored.</summary>
    public static CacheSettings Resolve(CacheSettingsInput input, Func<string, string?> environment, Action<EdgeDiagnostic> report)
    {
        string? Pick(string? explicitValue, string variable) =>
            string.IsNullOrWhiteSpace(explicitValue) ? NullIfBlank(environment(variable)) : explicitValue.Trim();

        var enabled = ParseBool(Pick(input.Enabled, CacheEnvironment.Enabled), true, "EdgeCache", report);
        var directory = Pick(input.Directory, CacheEnvironment.Directory);
        var remoteWrite = ParseBool(Pick(input.RemoteWrite, CacheEnvironment.RemoteWrite), true, "EdgeRemoteCacheWrite", report);
        var timeout = ParseTimeout(Pick(input.RemoteTimeout, CacheEnvironment.RemoteTimeout), report);
        return new CacheSettings
        {
            Enabled = enabled,
            LocalDirectory = Path.GetFullPath(directory ?? CacheLocation.Default(environment)),
            Remote = ParseRemote(Pick(input.Remote, CacheEnvironment.Remote), report),
            RemoteWrite = remoteWrite,
            RemoteTimeout = timeout,
            Credentials = CacheCredentials.FromEnvironment(environment),
        };
    }

    /// <summary>Parses a remote cache URL: absolute http(s), no credentials, no query; returns it with a trailing '/'.</summary>
    internal static Uri? ParseRemote(string? text, Action<EdgeDiagnostic> report)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheSettingInvalid, "EdgeRemoteCache must be an http:// or https:// URL such as http://cache.example:8080/edge; the remote cache is not used."));
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Never echo the URL: it holds a secret.
            report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheSettingInvalid, $"EdgeRemoteCache must not contain credentials; put them in {CacheEnvironment.Token} or {CacheEnvironment.User}/{CacheEnvironment.Password}. The remote cache is not used."));
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheSettingInvalid, $"EdgeRemoteCache '{uri.GetLeftPart(UriPartial.Path)}' must not have a query or fragment; the remote cache is not used."));
            return null;
        }

        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
    }

    private static bool ParseBool(string? text, bool fallback, string name, Action<EdgeDiagnostic> report)
    {
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheSettingInvalid, $"{name} must be true or false, not '{text}'; using {fallback.ToString().ToLowerInvariant()}."));
        return fallback;
    }

    private static TimeSpan ParseTimeout(string? text, Action<EdgeDiagnostic> report)
    {
        if (text is null)
        {
            return DefaultTimeout;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheSettingInvalid, $"EdgeRemoteCacheTimeout must be a number of seconds between 0 and 3600, not '{text}'; using {DefaultTimeout.TotalSeconds:0}."));
        return DefaultTimeout;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
