// Helpers for the cache tests: settings with a private cache folder and no environment, fake step
// outputs, and a diagnostics collector.
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;

namespace EdgeSdk.Tests.Caching;

/// <summary>Builds caches and step outputs for tests.</summary>
internal static class CacheTestKit
{
    /// <summary>Settings with a fresh local folder, optionally a remote, and an empty environment.</summary>
    public static CacheSettings Settings(string? localDir = null, Uri? remote = null, bool write = true, double timeoutSeconds = 5, string? token = null) => new()
    {
        LocalDirectory = localDir ?? TestPaths.NewTempDir("edge-cache"),
        Remote = remote,
        RemoteWrite = write,
        RemoteTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        Credentials = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token),
    };

    /// <summary>Writes a file of <paramref name="size"/> pseudo-random bytes and returns its path.</summary>
    public static string FakeModel(string dir, int size = 50_000, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(dir, $"model-{seed}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A key for a made-up fingerprint.</summary>
    public static StepCacheKey Key(string fingerprint = "fp") => StepCacheKey.For(fingerprint, "engine-test", "ort-test", "host-test");

    /// <summary>A record payload.</summary>
    public static byte[] Record(string text = "{\"kind\":\"fuse\"}") => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Gets where the machine-wide cache keeps the blob of <paramref name="model"/>.</summary>
    public static string LocalBlob(CacheSettings settings, string model) => Path.Combine(settings.LocalDirectory, "cas", Fingerprint.FileSha256(model));
}

/// <summary>Collects diagnostics.</summary>
internal sealed class DiagnosticLog
{
    private readonly List<EdgeDiagnostic> _items = [];

    /// <summary>Gets the sink.</summary>
    public Action<EdgeDiagnostic> Report => d =>
    {
        lock (_items)
        {
            _items.Add(d);
        }
    };

    /// <summary>Gets the diagnostics so far.</summary>
    public IReadOnlyList<EdgeDiagnostic> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Gets the codes of the warnings and errors so far (infos are left out).</summary>
    public IReadOnlyList<string> Codes => Warnings.Select(d => d.Code).ToList();

    /// <summary>Gets the warnings and errors so far.</summary>
    public IReadOnlyList<EdgeDiagnostic> Warnings => Items.Where(d => d.Severity != DiagnosticSeverity.Info).ToList();
}
