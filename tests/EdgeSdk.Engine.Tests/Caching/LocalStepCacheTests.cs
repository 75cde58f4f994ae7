// The machine-wide cache: a stored step comes back byte for byte, corrupt and truncated blobs are
// detected (one warning, deleted, stored again), concurrent writers of one key never leave a broken
// entry, and host-dependent results are only found on the same kind of machine.
using EdgeSdk.Diagnostics;
using EdgeSdk.Caching;

namespace EdgeSdk.Tests.Caching;

public sealed class LocalStepCacheTests
{
    [Fact]
    public void StoredStepIsRestoredByteForByte()
    {
        var dir = TestPaths.NewTempDir();
        using var cache = new StepCache(CacheTestKit.Settings());
        var model = CacheTestKit.FakeModel(dir);
        var log = new DiagnosticLog();
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), hostDependent: false, log.Report, default);

        var restoredPath = Path.Combine(dir, "out", "01-fuse.onnx");
        var restored = cache.TryRestore(CacheTestKit.Key(), restoredPath, log.Report, default);

        restored.Should().NotBeNull();
        restored!.Source.Should().Be(CacheSource.Local);
        restored.Record.Should().Equal(CacheTestKit.Record());
        File.ReadAllBytes(restoredPath).Should().Equal(File.ReadAllBytes(model));
        cache.TryRestore(CacheTestKit.Key("other"), Path.Combine(dir, "x.onnx"), log.Report, default).Should().BeNull();
        log.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CorruptOrTruncatedBlobIsIgnoredWithOneWarningAndStoredAgain(bool truncate)
    {
        var dir = TestPaths.NewTempDir();
        var settings = CacheTestKit.Settings();
        using var cache = new StepCache(settings);
        var model = CacheTestKit.FakeModel(dir);
        var log = new DiagnosticLog();
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        var blob = CacheTestKit.LocalBlob(settings, model);
        var bytes = File.ReadAllBytes(blob);
        if (truncate)
        {
            File.WriteAllBytes(blob, bytes[..(bytes.Length / 2)]);
        }
        else
        {
            bytes[100] ^= 0xFF;
            File.WriteAllBytes(blob, bytes);
        }

        var output = Path.Combine(dir, "step.onnx");
        File.WriteAllText(output, "previous output");
        cache.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull();

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        File.ReadAllText(output).Should().Be("previous output", "a corrupt blob never reaches a step output");
        File.Exists(blob).Should().BeFalse("the corrupt blob is deleted");
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        cache.TryRestore(CacheTestKit.Key(), output, log.Report, default)!.Source.Should().Be(CacheSource.Local);
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(model));
    }

    [Fact]
    public void MissingBlobIsIgnoredWithOneWarningAndStoredAgain()
    {
        var dir = TestPaths.NewTempDir();
        var settings = CacheTestKit.Settings();
        using var cache = new StepCache(settings);
        var model = CacheTestKit.FakeModel(dir);
        var log = new DiagnosticLog();
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        File.Delete(CacheTestKit.LocalBlob(settings, model));

        var output = Path.Combine(dir, "step.onnx");
        cache.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull();
        cache.TryRestore(CacheTestKit.Key(), output, log.Report, default).Should().BeNull("the dangling entry was dropped: a plain miss now");

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        log.Warnings[0].Message.Should().Contain("missing");
        File.Exists(output).Should().BeFalse();
        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        cache.TryRestore(CacheTestKit.Key(), output, log.Report, default)!.Source.Should().Be(CacheSource.Local);
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(model));
    }

    [Fact]
    public void ConcurrentWritersAndReadersOfOneKeyNeverSeeABrokenEntry()
    {
        var dir = TestPaths.NewTempDir();
        var settings = CacheTestKit.Settings();
        var model = CacheTestKit.FakeModel(dir, 400_000);
        var expected = File.ReadAllBytes(model);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var log = new DiagnosticLog();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Separate instances, as separate builds on one machine have.
            using var cache = new StepCache(settings);
            if (i % 2 == 0)
            {
                cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
            }
            else
            {
                var output = Path.Combine(dir, $"reader-{i}.onnx");
                if (cache.TryRestore(CacheTestKit.Key(), output, log.Report, default) is not null && !File.ReadAllBytes(output).AsSpan().SequenceEqual(expected))
                {
                    failures.Add(output);
                }
            }
        });

        failures.Should().BeEmpty();
        log.Warnings.Should().BeEmpty("readers see either no entry or a complete one");
        Directory.GetFiles(settings.LocalDirectory, ".*", SearchOption.AllDirectories).Should().BeEmpty("no temporary file is left behind");
        using var check = new StepCache(settings);
        check.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "final.onnx"), log.Report, default).Should().NotBeNull();
        File.ReadAllBytes(Path.Combine(dir, "final.onnx")).Should().Equal(expected);
    }

    [Fact]
    public void HostDependentResultIsOnlyFoundOnTheSameKindOfMachine()
    {
        var dir = TestPaths.NewTempDir();
        using var cache = new StepCache(CacheTestKit.Settings());
        var model = CacheTestKit.FakeModel(dir);
        var log = new DiagnosticLog();
        var here = StepCacheKey.For("fp", "engine", "ort", "x64|Xeon|avx2,avx512_vnni");
        var other = StepCacheKey.For("fp", "engine", "ort", "x64|Core|avx2");

        cache.Store(here, model, CacheTestKit.Record(), hostDependent: true, log.Report, default);

        here.Portable.Should().Be(other.Portable, "the portable key does not depend on the host");
        cache.TryRestore(other, Path.Combine(dir, "o.onnx"), log.Report, default).Should().BeNull("a latency-based result is not reused on another CPU");
        cache.TryRestore(here, Path.Combine(dir, "h.onnx"), log.Report, default).Should().NotBeNull();
        log.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void UnwritableCacheFolderCostsOneWarning()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "not-a-folder");
        File.WriteAllText(file, "x");
        using var cache = new StepCache(CacheTestKit.Settings(localDir: file));
        var log = new DiagnosticLog();
        var model = CacheTestKit.FakeModel(dir);

        cache.Store(CacheTestKit.Key(), model, CacheTestKit.Record(), false, log.Report, default);
        cache.TryRestore(CacheTestKit.Key(), Path.Combine(dir, "o.onnx"), log.Report, default).Should().BeNull();
        cache.Store(CacheTestKit.Key("2"), model, CacheTestKit.Record(), false, log.Report, default);

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.LocalCacheUnusable.Code);
    }
}
