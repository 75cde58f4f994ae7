// A tiny in-test HTTP server for the fault cases a real server cannot be made to show on demand: it
// stores PUT bodies in memory and serves them (recording the Authorization headers it saw), or answers
// every request with a fixed status, hangs, or drops the connection in the middle of a body.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeSdk.Tests.Caching;

/// <summary>How the fake server answers.</summary>
public enum FakeServerMode
{
    /// <summary>A working in-memory cache server.</summary>
    Store,

    /// <summary>Every request gets <see cref="FakeCacheServer.Status"/> with an empty body.</summary>
    Status,

    /// <summary>GETs of stored keys announce the full length, send half the body and close the connection.</summary>
    DropMidBody,

    /// <summary>Requests are read but never answered.</summary>
    Hang,
}

/// <summary>A loopback HTTP/1.1 server with scripted behaviour.</summary>
internal sealed class FakeCacheServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts the server.</summary>
    public FakeCacheServer(FakeServerMode mode, int status = 200)
    {
        Mode = mode;
        Status = status;
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    /// <summary>Gets or sets the behaviour (may change between requests).</summary>
    public FakeServerMode Mode { get; set; }

    /// <summary>Gets the status for <see cref="FakeServerMode.Status"/>.</summary>
    public int Status { get; }

    /// <summary>Gets the stored values by path.</summary>
    public ConcurrentDictionary<string, byte[]> Stored { get; } = new();

    /// <summary>Gets every request line received, e.g. <c>PUT /team/cas/…</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Gets every Authorization header value received.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Gets the base URL with <paramref name="prefix"/>.</summary>
    public Uri Url(string prefix = "team") => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{prefix}/");

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (method, path, headers, body) = await ReadRequest(stream);
            Requests.Enqueue($"{method} {path}");
            if (headers.TryGetValue("authorization", out var auth))
            {
                Authorizations.Enqueue(auth);
            }

            switch (Mode)
            {
                case FakeServerMode.Hang:
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                case FakeServerMode.Status:
                    await Respond(stream, Status, []);
                    return;
                case FakeServerMode.DropMidBody when method == "GET" && Stored.TryGetValue(path, out var value) && value.Length > 1:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {value.Length}\r\nConnection: close\r\n\r\n"));
                    await stream.WriteAsync(value.AsMemory(0, value.Length / 2));
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
            }

            switch (method)
            {
                case "PUT":
                    Stored[path] = body;
                    await Respond(stream, 201, []);
                    break;
                case "GET" or "HEAD" when Stored.TryGetValue(path, out var found):
                    await Respond(stream, 200, found, headOnly: method == "HEAD");
                    break;
                default:
                    await Respond(stream, 404, []);
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task Respond(NetworkStream stream, int status, byte[] body, bool headOnly = false)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        if (!headOnly)
        {
            await stream.WriteAsync(body);
        }
    }

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers, byte[] Body)> ReadRequest(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("client closed");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return (parts[0], parts[1], headers, body);
    }
}
