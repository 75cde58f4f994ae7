// A client of the HTTP/1.1 cache protocol that bazel-remote and WebDAV servers such as nginx speak:
// GET, HEAD and PUT on <base>/cas/<sha256> (blobs) and <base>/ac/<key> (the step index), where <base>
// may carry an instance prefix. Every request is bounded by a timeout covering connect, headers and
// body. Failures surface as RemoteCacheException for the caller to turn into one warning; the URL is
// the only thing ever rendered (credentials live in a header and are never part of it).
using EdgeSdk.IO;
using System.Net;
using System.Net.Http.Headers;

namespace EdgeSdk.Caching;

/// <summary>A remote cache request failed.</summary>
/// <param name="message">What failed (never containing credentials).</param>
/// <param name="writeRejected">Whether the server refused an upload but may still serve reads.</param>
internal sealed class RemoteCacheException(string message, bool writeRejected = false) : Exception(message)
{
    /// <summary>Gets whether the server refused an upload (reads may still work).</summary>
    public bool WriteRejected { get; } = writeRejected;
}

/// <summary>HTTP cache protocol client.</summary>
internal sealed class RemoteCache : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a client for <paramref name="baseUri"/> (ending in '/').</summary>
    public RemoteCache(Uri baseUri, TimeSpan timeout, AuthenticationHeaderValue? credentials, HttpMessageHandler? handler = null)
    {
        BaseUri = baseUri;
        _timeout = timeout;
        handler ??= new SocketsHttpHandler
        {
            ConnectTimeout = timeout < TimeSpan.FromSeconds(10) ? timeout : TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = true,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = credentials;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EdgeSdk", Fingerprint.EngineVersion));
    }

    /// <summary>Gets the base URL (without credentials, safe to show).</summary>
    public Uri BaseUri { get; }

    /// <summary>GETs <c>ns/key</c> and passes the body to <paramref name="read"/>; false on 404.</summary>
    public Task<bool> GetAsync(string ns, string key, Func<Stream, CancellationToken, Task> read, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, ns, key, null, async (response, token) =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            EnsureReadable(response, "GET", ns, key);
            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await read(body, token).ConfigureAwait(false);
            return true;
        }, cancellation);

    /// <summary>HEADs <c>ns/key</c>: whether the server has it.</summary>
    public Task<bool> ExistsAsync(string ns, string key, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Head, ns, key, null, (response, _) =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Task.FromResult(false);
            }

            EnsureReadable(response, "HEAD", ns, key);
            return Task.FromResult(true);
        }, cancellation);

    /// <summary>PUTs <paramref name="content"/> at <c>ns/key</c>.</summary>
    public Task PutAsync(string ns, string key, Func<HttpContent> content, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Put, ns, key, content, (response, _) =>
        {
            if (response.IsSuccessStatusCode)
            {
                return Task.FromResult(true);
            }

            var code = (int)response.StatusCode;
            var rejected = code is 401 or 403 or 405 or 413 or 507;
            throw new RemoteCacheException($"PUT {ns}/{key} answered HTTP {code} {response.ReasonPhrase}", rejected);
        }, cancellation);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private static void EnsureReadable(HttpResponseMessage response, string method, string ns, string key)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RemoteCacheException($"{method} {ns}/{key} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string ns, string key, Func<HttpContent>? content, Func<HttpResponseMessage, CancellationToken, Task<T>> handle, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri($"{ns}/{key}", UriKind.Relative));
            if (content is not null)
            {
                request.Content = content();
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await handle(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new RemoteCacheException($"{method} {ns}/{key} timed out after {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteCacheException($"{method} {ns}/{key} failed: {Describe(ex)}");
        }
        catch (IOException ex)
        {
            throw new RemoteCacheException($"{method} {ns}/{key} failed mid-transfer: {ex.Message}");
        }
    }

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is { } inner && inner.Message.Length > 0 ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
