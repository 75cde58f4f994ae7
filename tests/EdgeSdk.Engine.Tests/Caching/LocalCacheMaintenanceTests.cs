// `edgesdk cache stats` and `prune`: counts and sizes are right, pruning evicts least recently used
// entries first (a hit refreshes an entry) and drops index entries whose blobs are gone.
using EdgeSdk.Caching;

namespace EdgeSdk.Tests.Caching;

public sealed class LocalCacheMaintenanceTests
{
    [Fact]
    public void PruneEvictsLeastRecentlyUsedFirst()
    {
        var dir = TestPaths.NewTempDir();
        var settings = CacheTestKit.Settings();
        using var cache = new StepCache(settings);
        var log = new DiagnosticLog();
        for (var i = 0; i < 3; i++)
        {
            cache.Store(CacheTestKit.Key($"k{i}"), CacheTestKit.FakeModel(dir, 100_000, seed: i), CacheTestKit.Record($"{{\"i\":{i}}}"), false, log.Report, default);
        }

        var local = new LocalCache(settings.LocalDirectory);
        var before = LocalCacheMaintenance.Stats(local);
        before.Entries.Should().Be(3);
        before.Blobs.Should().Be(6);
        before.Bytes.Should().BeGreaterThan(300_000);

        // k1 was used two days ago, k2 one day ago, k0 now (by the restore below).
        for (var i = 0; i < 3; i++)
        {
            var when = DateTime.UtcNow.AddDays(i == 1 ? -2 : -1);
            File.SetLastWriteTimeUtc(Path.Combine(settings.LocalDirectory, "ac", CacheTestKit.Key($"k{i}").Portable), when);
            File.SetLastWriteTimeUtc(CacheTestKit.LocalBlob(settings, Path.Combine(dir, $"model-{i}.onnx")), when);
            File.SetLastWriteTimeUtc(Path.Combine(settings.LocalDirectory, "cas", VerifiedCopy.DigestOf(CacheTestKit.Record($"{{\"i\":{i}}}")).Sha256), when);
        }

        cache.TryRestore(CacheTestKit.Key("k0"), Path.Combine(dir, "o.onnx"), log.Report, default).Should().NotBeNull();
        var result = LocalCacheMaintenance.Prune(local, 250_000);

        result.After.Bytes.Should().BeLessThanOrEqualTo(250_000);
        result.RemovedBytes.Should().Be(before.Bytes - result.After.Bytes);
        cache.TryRestore(CacheTestKit.Key("k0"), Path.Combine(dir, "o.onnx"), log.Report, default).Should().NotBeNull("the most recently used entry survives");
        cache.TryRestore(CacheTestKit.Key("k1"), Path.Combine(dir, "o1.onnx"), log.Report, default).Should().BeNull();
        result.After.Entries.Should().Be(2, "k1's index entry is removed with its blobs");
        log.Codes.Should().BeEmpty();

        LocalCacheMaintenance.Prune(local, 0).After.Should().Match<LocalCacheStats>(s => s.Entries == 0 && s.Blobs == 0 && s.Bytes == 0);
    }
}
