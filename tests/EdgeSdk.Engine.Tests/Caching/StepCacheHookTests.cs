// What the step runner gets back from the cache: a record for the same step, with its stored warnings
// located in the restoring project's recipe (not in the recipe of the clone that computed it), and a
// record of another step rejected as a corrupt entry.
using EdgeSdk.IO;
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Tests.Caching;

public sealed class StepCacheHookTests
{
    [Fact]
    public void RestoredWarningsPointAtTheRestoringClonesRecipe()
    {
        var a = CacheProject.Create("a");
        var b = CacheProject.Create("b");
        var planA = PipelinePlanner.Plan(a.LoadRecipe(), a.Model, a.Work);
        var planB = PipelinePlanner.Plan(b.LoadRecipe(), b.Model, b.Work);
        var (stepA, stepB) = (planA.Steps[0], planB.Steps[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(stepA.OutputModel)!);
        File.Copy(a.Model, stepA.OutputModel);
        var log = new DiagnosticLog();
        var options = new PipelineRunOptions { Report = log.Report };
        using var cache = new StepCache(CacheTestKit.Settings());
        var key = StepCacheKey.For(stepA.Fingerprint);
        var record = new StepRecord
        {
            Index = 1,
            Kind = stepA.Kind,
            Name = stepA.Name,
            Fingerprint = stepA.Fingerprint,
            Diagnostics = [new StepDiagnostic("EDGE2001", "w", a.RecipePath, 12, 5), new StepDiagnostic("EDGE2001", "elsewhere", "/opt/stock/base.yaml", 3, 1)],
        };

        StepCacheHook.Store(cache, key, planA, stepA, record, hostDependent: false, options);
        var restored = StepCacheHook.TryRestore(cache, key, planB, stepB, options);

        restored!.Source.Should().Be(CacheSource.Local);
        restored.Diagnostics.Select(d => (d.File, d.Line)).Should().Equal((b.RecipePath, 12), ("/opt/stock/base.yaml", 3));
        File.ReadAllBytes(stepB.OutputModel).Should().Equal(File.ReadAllBytes(a.Model));
        StepRecord.TryRead(stepB.RecordFile)!.Source.Should().Be(CacheSource.Local, "the restored record is written beside the output");
        log.Warnings.Should().BeEmpty();

        // The same entry offered for another step (another fingerprint) is rejected.
        StepCacheHook.TryRestore(cache, key, planB, planB.Steps[1], options).Should().BeNull();
        log.Codes.Should().Equal(DiagnosticCatalog.Cache.CacheEntryCorrupt.Code);
    }
}
