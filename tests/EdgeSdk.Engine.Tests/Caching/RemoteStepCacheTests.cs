// The remote cache against an in-test server: results travel between two machines' caches through it,
// a corrupt or truncated blob is detected and replaced, and every kind of server failure (500, 403,
// hanging, dropped mid-transfer, nobody listening) costs exactly one warning and never an exception.
// Credentials reach the server and nothing else; a read-only client uploads nothing.
using EdgeSdk.IO;
using EdgeSdk.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeSdk.Caching;

namespace EdgeSdk.Tests.Caching;

public sealed class RemoteStepCacheTests
{
    [Fact]
    public void ResultTravelsThroughTheServerAndFillsTheSecondMachinesLocalCache()
    {
        using var server = new FakeCacheServer(FakeServerMode.Store);
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        var model = StoreFromFirstMachine(server, dir, log);

        server.Stored.Keys.Should().Contain(BlobPath(model)).And.Contain($"/team/ac/{CacheTestKit.Key().Portable}");
        server.Requests.Where(r => r.StartsWith("PUT", StringComparison.Ordinal)).Last().Should().StartWith("PUT /team/ac/", "blobs go up before the entry naming them");

        using var second = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        var output = Path.Combine(dir, "second", "01-fuse.onnx");
        var restored = second.TryRestore(CacheTestKit.Key(), output, log.Report, default);
        restored!.Source.Should().Be(CacheSource.Remote);
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(model));

        var requests = server.Requests.Count;
        second.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "again.onnx"), log.Report, default)!.Source.Should().Be(CacheSource.Local);
        server.Requests.Count.Should().Be(requests, "the second look-up is served by the machine-wide cache");
        log.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CorruptOrTruncatedRemoteBlobIsDetectedAndReplaced(bool truncate)
    {
        using var server = new FakeCacheServer(FakeServerMode.Store);
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        var model = StoreFromFirstMachine(server, dir, log);

        var blobPath = BlobPath(model);
        var good = server.Stored[blobPath];
        var bad = truncate ? good[..(good.Length / 3)] : good.ToArray();
        if (!truncate)
        {
            bad[7] ^= 0x55;
        }

        server.Stored[blobPath] = bad;

        using var second = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        var output = Path.Combine(dir, "second.onnx");
        second.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull();
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        File.Exists(output).Should().BeFalse("nothing unverified reaches a step output");

        // The step is recomputed and stored again: the blob on the server is replaced even though it exists.
        second.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        server.Stored[blobPath].Should().Equal(good);
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
    }

    [Fact]
    public void MissingRemoteBlobCostsOneWarningAndIsUploadedAgain()
    {
        using var server = new FakeCacheServer(FakeServerMode.Store);
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        var model = StoreFromFirstMachine(server, dir, log);

        var blobPath = BlobPath(model);
        server.Stored.TryRemove(blobPath, out _).Should().BeTrue();

        using var second = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        var output = Path.Combine(dir, "second.onnx");
        second.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull();
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        log.Warnings[0].Message.Should().Contain("does not have");
        File.Exists(output).Should().BeFalse();
        Directory.GetFiles(dir, "*.download", SearchOption.AllDirectories).Should().BeEmpty();

        second.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        server.Stored[blobPath].Should().Equal(File.ReadAllBytes(model), "the recomputed step uploads the missing blob again");
        using var third = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        third.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "third.onnx"), log.Report, default)!.Source.Should().Be(CacheSource.Remote);
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
    }

    [Theory]
    [InlineData(FakeServerMode.Status, 500)]
    [InlineData(FakeServerMode.Status, 503)]
    [InlineData(FakeServerMode.Status, 403)]
    [InlineData(FakeServerMode.Hang, 0)]
    public void FailingServerCostsOneWarningAndNothingElse(FakeServerMode mode, int status)
    {
        using var server = new FakeCacheServer(mode, status);
        var dir = TestPaths.NewTempDir();
        var model = CacheTestKit.FakeModel(dir);
        var log = new DiagnosticLog();
        using var cache = new StepCache(CacheTestKit.Settings(remote: server.Url(), timeoutSeconds: mode == FakeServerMode.Hang ? 0.5 : 20));

        cache.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "a.onnx"), log.Report, default).Should().BeNull();
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        cache.TryRestore(CacheTestKit.Key("2"), Path.Combine(dir, "b.onnx"), log.Report, default).Should().BeNull();

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code);
        log.Warnings[0].Message.Should().Contain(server.Url().ToString()).And.Contain(mode == FakeServerMode.Hang ? "timed out" : status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The client gives up on a hanging server after 0.5 s, possibly before the server thread has logged the request.
        SpinWait.SpinUntil(() => !server.Requests.IsEmpty, TimeSpan.FromSeconds(10));
        server.Requests.Should().HaveCount(1, "after the first failure the server is not asked again in this build");
        cache.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "c.onnx"), log.Report, default)!.Source.Should().Be(CacheSource.Local, "the machine-wide cache still works");
    }

    [Fact]
    public void ConnectionDroppedMidTransferCostsOneWarningAndLeavesNoPartialOutput()
    {
        using var server = new FakeCacheServer(FakeServerMode.Store);
        var dir = TestPaths.NewTempDir();
        var model = CacheTestKit.FakeModel(dir, 300_000);
        var log = new DiagnosticLog();
        using (var first = new StepCache(CacheTestKit.Settings(remote: server.Url())))
        {
            first.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        }

        server.Mode = FakeServerMode.DropMidBody;
        using var second = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        var output = Path.Combine(dir, "out", "01-fuse.onnx");
        second.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull();

        log.Codes.Should().ContainSingle().Which.Should().BeOneOf(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code, DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        File.Exists(output).Should().BeFalse("nothing is written before the blobs are verified");
        Directory.GetFiles(dir, "*.download", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void NobodyListeningCostsOneWarning()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        using var cache = new StepCache(CacheTestKit.Settings(remote: new Uri($"http://127.0.0.1:{port}/")));

        cache.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "a.onnx"), log.Report, default).Should().BeNull();
        cache.Store(CacheTestKit.Key(), CacheTestKit.FakeModel(dir), CacheTestKit.Record(), false, log.Report, default);

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code);
    }

    [Fact]
    public void ReadOnlyClientReadsButUploadsNothing()
    {
        using var server = new FakeCacheServer(FakeServerMode.Store);
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        using (var writer = new StepCache(CacheTestKit.Settings(remote: server.Url())))
        {
            writer.Store(CacheTestKit.Key("shared"), CacheTestKit.FakeModel(dir, seed: 1), CacheTestKit.Record(), false, log.Report, default);
        }

        var stored = server.Stored.Count;
        var puts = server.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal));
        using var reader = new StepCache(CacheTestKit.Settings(remote: server.Url(), write: false));
        reader.TryRestore(CacheTestKit.Key("shared"), Path.Combine(dir, "r.onnx"), log.Report, default)!.Source.Should().Be(CacheSource.Remote);
        reader.Store(CacheTestKit.Key("pr-only"), CacheTestKit.FakeModel(dir, seed: 2), CacheTestKit.Record(), false, log.Report, default);

        server.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal)).Should().Be(puts, "a read-only client uploads nothing");
        server.Stored.Count.Should().Be(stored);
        log.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void CredentialsReachTheServerAndNoDiagnostic()
    {
        const string Secret = "s3cr3t-token-value";
        using var server = new FakeCacheServer(FakeServerMode.Status, 500);
        var dir = TestPaths.NewTempDir();
        var log = new DiagnosticLog();
        var env = new Dictionary<string, string?> { [CacheEnvironment.Token] = Secret, [CacheEnvironment.Remote] = server.Url().ToString(), ["HOME"] = dir };
        var settings = CacheSettings.Resolve(new CacheSettingsInput(Directory: Path.Combine(dir, "cache")), k => env.GetValueOrDefault(k), log.Report);
        using var cache = new StepCache(settings);

        cache.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "a.onnx"), log.Report, default).Should().BeNull();

        server.Authorizations.Should().Equal("Bearer " + Secret);
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code);
        log.Items.Should().NotContain(d => d.Message.Contains(Secret, StringComparison.Ordinal));
        settings.ToString().Should().NotContain(Secret, "a settings dump never shows the credentials in clear");
    }

    [Fact]
    public void BasicCredentialsComeFromUserAndPassword()
    {
        var env = new Dictionary<string, string?> { [CacheEnvironment.User] = "ci", [CacheEnvironment.Password] = "pw" };
        var header = CacheCredentials.FromEnvironment(k => env.GetValueOrDefault(k));
        header!.Scheme.Should().Be("Basic");
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)).Should().Be("ci:pw");
    }

    /// <summary>A first machine computes the step and uploads it; returns the step's model.</summary>
    private static string StoreFromFirstMachine(FakeCacheServer server, string dir, DiagnosticLog log)
    {
        var model = CacheTestKit.FakeModel(dir);
        using var first = new StepCache(CacheTestKit.Settings(remote: server.Url()));
        first.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        return model;
    }

    private static string BlobPath(string model) => $"/team/cas/{Fingerprint.FileSha256(model)}";
}
