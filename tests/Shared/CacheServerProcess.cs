// Runs the real cache server of the remote-cache tests: eng/start-cache-server.sh (Debian's nginx with
// WebDAV, one foreground process on a free loopback port, its own folders). Disposing stops it; tests
// may also stop it mid-build. Fails with what to do when nginx is missing (eng/install-test-deps.sh).
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EdgeSdk.Tests;

/// <summary>A running nginx WebDAV cache server.</summary>
internal sealed partial class CacheServerProcess : IDisposable
{
    private readonly Process _process;

    private CacheServerProcess(Process process, Uri root, string directory)
    {
        _process = process;
        Root = root;
        Directory = directory;
    }

    /// <summary>Gets the server's root URL, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Root { get; }

    /// <summary>Gets the folder with the server's config, logs and <c>store/</c>.</summary>
    public string Directory { get; }

    /// <summary>Gets the folder the server stores uploads in.</summary>
    public string Store => Path.Combine(Directory, "store");

    /// <summary>Gets the URL with an instance prefix.</summary>
    public Uri Url(string prefix = "team") => new(Root, prefix + "/");

    /// <summary>Starts a server; <paramref name="arguments"/> are passed to the script (e.g. <c>--status 500</c>).</summary>
    public static CacheServerProcess Start(params string[] arguments)
    {
        var dir = TestPaths.NewTempDir("cache-server");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "eng", "start-cache-server.sh"));
        psi.ArgumentList.Add("--dir");
        psi.ArgumentList.Add(dir);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLine();
        var match = line is null ? null : UrlPattern().Match(line);
        if (match is null || !match.Success)
        {
            process.WaitForExit(5000);
            throw new InvalidOperationException($"eng/start-cache-server.sh did not start (exit {(process.HasExited ? process.ExitCode : -1)}): {line}. Install nginx with eng/install-test-deps.sh.");
        }

        var server = new CacheServerProcess(process, new Uri(match.Groups[1].Value), dir);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Counts the files the server stores under <paramref name="prefix"/>/<paramref name="ns"/>.</summary>
    public int Count(string prefix, string ns)
    {
        var folder = Path.Combine(Store, prefix, ns);
        return System.IO.Directory.Exists(folder) ? System.IO.Directory.GetFiles(folder).Length : 0;
    }

    /// <summary>Stops the server (idempotent).</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode} right after starting (see {Directory}).");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(Root.Host, Root.Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Stop();
        throw new TimeoutException($"nginx did not listen on {Root} within 20 s.");
    }

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex UrlPattern();
}
