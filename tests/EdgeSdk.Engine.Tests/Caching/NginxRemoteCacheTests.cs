// The remote step cache against a real server: Debian's nginx with WebDAV, started by
// eng/start-cache-server.sh. Two copies of a project with separate machine-wide caches share results
// through it (the second runs no pass, byte-identical model artifacts); a blob corrupted on the server
// is detected and replaced; a server stopped mid-build or answering 500 leaves the build green; a
// read-only client uploads nothing.
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Runs;

namespace EdgeSdk.Tests.Caching;

public sealed class NginxRemoteCacheTests
{
    private static StepCache Cache(Uri? remote, bool write = true) => new(CacheTestKit.Settings(remote: remote, write: write, timeoutSeconds: 20));

    private static void Green(PipelineRunResult result) =>
        result.Finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();

    [Fact]
    public void SecondCopyWithItsOwnCacheRunsNoPassAndGetsByteIdenticalArtifacts()
    {
        using var server = CacheServerProcess.Start();
        var log = new DiagnosticLog();
        var first = CacheProject.Create("first");
        var second = CacheProject.Create("second");

        PipelineRunResult firstRun, secondRun;
        using (var cache = Cache(server.Url()))
        {
            firstRun = first.Run(cache, log);
        }

        using (var cache = Cache(server.Url()))
        {
            secondRun = second.Run(cache, log);
        }

        CacheProject.Sources(firstRun).Should().Equal(CacheSource.Computed, CacheSource.Computed);
        server.Count("team", "ac").Should().Be(3, "two steps and the model.ort conversion");
        server.Count("team", "cas").Should().Be(6, "two step models and records, model.ort and its record");
        CacheProject.Sources(secondRun).Should().Equal(CacheSource.Remote, CacheSource.Remote);
        second.Artifacts(secondRun).Onnx.Should().Equal(first.Artifacts(firstRun).Onnx);
        second.Artifacts(secondRun).Ort.Should().Equal(first.Artifacts(firstRun).Ort, "model.ort comes through the cache too (ONNX Runtime's serializer is not byte-deterministic)");
        Green(firstRun);
        Green(secondRun);
        log.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void BlobCorruptedOnTheServerIsDetectedRecomputedAndReplaced()
    {
        using var server = CacheServerProcess.Start();
        var log = new DiagnosticLog();
        var first = CacheProject.Create("first");
        PipelineRunResult firstRun;
        using (var cache = Cache(server.Url()))
        {
            firstRun = first.Run(cache, log);
        }

        var finalModelBlob = Path.Combine(server.Store, "team", "cas", Fingerprint.FileSha256(Path.Combine(firstRun.OutputDirectory, "model.onnx")));
        var good = File.ReadAllBytes(finalModelBlob);
        var bad = good.ToArray();
        bad[bad.Length / 2] ^= 0xFF;
        File.WriteAllBytes(finalModelBlob, bad);

        var second = CacheProject.Create("second");
        PipelineRunResult secondRun;
        using (var cache = Cache(server.Url()))
        {
            secondRun = second.Run(cache, log);
        }

        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
        CacheProject.Sources(secondRun).Should().Equal(CacheSource.Remote, CacheSource.Computed);
        File.ReadAllBytes(finalModelBlob).Should().Equal(good, "the recomputed step uploads the blob again");
        second.Artifacts(secondRun).Onnx.Should().Equal(first.Artifacts(firstRun).Onnx);
        Green(secondRun);
    }

    [Fact]
    public void ServerStoppedInTheMiddleOfABuildCostsOneWarning()
    {
        using var server = CacheServerProcess.Start();
        var log = new DiagnosticLog();
        var project = CacheProject.Create("stopped");
        var recipe = project.LoadRecipe();
        using var cache = Cache(server.Url());
        var options = new PipelineRunOptions { Cache = cache, Report = log.Report };
        var plan = PipelinePlanner.Plan(recipe, project.Model, project.Work);
        PipelinePlanner.WriteFingerprints(plan);

        // The pipeline runner's loop, with the server killed between the two steps.
        StepRunner.Run(recipe, plan, plan.Steps[0], options).Source.Should().Be(CacheSource.Computed);
        server.Count("team", "ac").Should().Be(1);
        server.Stop();
        StepRunner.Run(recipe, plan, plan.Steps[1], options).Source.Should().Be(CacheSource.Computed);
        StageEvaluator.EnsureEvaluated(recipe, plan, options);
        var finish = PipelineFinisher.Finish(recipe, plan, project.Out);

        finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code);
        File.Exists(plan.FinalModel).Should().BeTrue();
    }

    [Fact]
    public void ServerAnswering500LeavesTheBuildGreenWithOneWarning()
    {
        using var server = CacheServerProcess.Start("--status", "500");
        var log = new DiagnosticLog();
        var project = CacheProject.Create("five-hundred");
        using var cache = Cache(server.Url());

        var run = project.Run(cache, log);

        Green(run);
        CacheProject.Sources(run).Should().Equal(CacheSource.Computed, CacheSource.Computed);
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.RemoteCacheUnavailable.Code);
        log.Warnings[0].Message.Should().Contain("500");
    }

    [Fact]
    public void ReadOnlyClientUploadsNothingButReads()
    {
        using var server = CacheServerProcess.Start();
        var log = new DiagnosticLog();
        using (var readOnly = Cache(server.Url(), write: false))
        {
            Green(CacheProject.Create("pr").Run(readOnly, log));
        }

        System.IO.Directory.GetFiles(server.Store, "*", SearchOption.AllDirectories).Should().BeEmpty("a read-only client uploads nothing");

        using (var writer = Cache(server.Url()))
        {
            CacheProject.Create("main").Run(writer, log);
        }

        var files = System.IO.Directory.GetFiles(server.Store, "*", SearchOption.AllDirectories).Length;
        using (var readOnly = Cache(server.Url(), write: false))
        {
            var run = CacheProject.Create("pr2").Run(readOnly, log);
            CacheProject.Sources(run).Should().Equal(CacheSource.Remote, CacheSource.Remote);
        }

        System.IO.Directory.GetFiles(server.Store, "*", SearchOption.AllDirectories).Length.Should().Be(files);
        log.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void ConcurrentUploadersAndReadersOfOneKeyNeverSeeABrokenEntry()
    {
        using var server = CacheServerProcess.Start();
        var dir = TestPaths.NewTempDir();
        var model = CacheTestKit.FakeModel(dir, 2_000_000);
        var expected = File.ReadAllBytes(model);
        var log = new DiagnosticLog();
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();

        // Six "machines" (own machine-wide caches) store and read one key at once through nginx.
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            using var cache = Cache(server.Url());
            if (i % 2 == 0)
            {
                cache.Store(CacheTestKit.Key("shared"), model, CacheTestKit.Record(), false, log.Report, default);
            }
            else
            {
                var output = Path.Combine(dir, $"reader-{i}.onnx");
                if (cache.TryRestore(CacheTestKit.Key("shared"), output, log.Report, default) is not null && !File.ReadAllBytes(output).AsSpan().SequenceEqual(expected))
                {
                    mismatches.Add(output);
                }
            }
        });

        mismatches.Should().BeEmpty();
        log.Warnings.Should().BeEmpty("readers see either no entry or a complete one");
        using var check = Cache(server.Url());
        check.TryRestore(CacheTestKit.Key("shared"), Path.Combine(dir, "final.onnx"), log.Report, default)!.Source.Should().Be(CacheSource.Remote);
        File.ReadAllBytes(Path.Combine(dir, "final.onnx")).Should().Equal(expected);
        File.ReadAllBytes(Path.Combine(server.Store, "team", "cas", Fingerprint.FileSha256(model))).Should().Equal(expected, "the blob on the server is intact");
    }
}
