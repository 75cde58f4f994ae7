// Credentials for the remote cache, read only from environment variables (a bearer token, or a user
// and password for HTTP basic). The value goes straight into the Authorization header and is never
// rendered anywhere else.
using System.Net.Http.Headers;
using System.Text;

namespace EdgeSdk.Caching;

/// <summary>Builds the Authorization header from the environment.</summary>
internal static class CacheCredentials
{
    /// <summary>Returns the header for <see cref="CacheEnvironment.Token"/> (bearer) or <see cref="CacheEnvironment.User"/>/<see cref="CacheEnvironment.Password"/> (basic), or null.</summary>
    public static AuthenticationHeaderValue? FromEnvironment(Func<string, string?> environment)
    {
        var token = environment(CacheEnvironment.Token);
        if (!string.IsNullOrEmpty(token))
        {
            return new AuthenticationHeaderValue("Bearer", token.Trim());
        }

        var user = environment(CacheEnvironment.User);
        if (!string.IsNullOrEmpty(user))
        {
            var password = environment(CacheEnvironment.Password) ?? string.Empty;
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        return null;
    }
}
