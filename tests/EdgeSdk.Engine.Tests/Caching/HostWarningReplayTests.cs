// A quantize step's EDGE2120 (8-bit weights where the host's int8 kernels lack VNNI) depends on the machine
// running the build, while the step cache shares the step across machines under a key without the host. These
// tests compute the step on one simulated host and restore it from the cache (and replay it on a no-op build)
// on the other, in both directions: the warning, the record and the report's summary line are those of the
// host at hand, exactly as if the step had been computed there. Host ISA is injected, so every CPU says the same.
using EdgeSdk.Api;
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Runs;
using EdgeSdk.Targets;

namespace EdgeSdk.Tests.Caching;

public sealed class HostWarningReplayTests
{
    private const string Recipe = """
        recipe: 1
        model: models/digits_mlp.onnx
        target: x86-avx512-vnni
        data:
          calibration: {inputs: data/train_x.npy, samples: 64}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 50 points}
        passes:
          - fuse
          - quantize: {mode: dynamic, weight_bits: 8}
        """;

    private static readonly TargetProfile Avx2Host = new() { Name = "host", Description = "AMD EPYC 7B13 (simulated)", IsaFeatures = ["sse4_2", "avx", "avx2", "fma"] };
    private static readonly TargetProfile VnniHost = new() { Name = "host", Description = "Xeon with VNNI (simulated)", IsaFeatures = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni"] };

    private static readonly string Code = DiagnosticCatalog.Quantization.WeightSaturationRisk.Code;

    [Theory]
    [InlineData(true)]   // computed on a VNNI host (no warning), restored on an AVX2-only host: the warning appears
    [InlineData(false)]  // computed on an AVX2-only host (warning), restored on a VNNI host: it disappears
    public void ARestoredQuantizeStepWarnsForTheHostThatRestoresIt(bool computedOnVnni)
    {
        var (computer, restorer) = computedOnVnni ? (VnniHost, Avx2Host) : (Avx2Host, VnniHost);
        using var cache = new StepCache(CacheTestKit.Settings());

        var computed = Run(CacheProject.Create("computer", Recipe), cache, computer);
        var restoredProject = CacheProject.Create("restorer", Recipe);
        var restored = Run(restoredProject, cache, restorer);
        var direct = Run(CacheProject.Create("direct", Recipe), null, restorer); // what the restoring host computes itself

        computed.Log.Codes.Contains(Code).Should().Be(!computedOnVnni, "the computing host warns only without VNNI");
        CacheProject.Sources(restored.Result).Should().Equal(CacheSource.Local, CacheSource.Local);
        direct.Log.Codes.Contains(Code).Should().Be(computedOnVnni, "the restoring host's own verdict");
        restored.Log.Codes.Where(c => c == Code).Should().HaveCount(computedOnVnni ? 1 : 0);
        if (computedOnVnni)
        {
            restored.Log.Warnings.Single(d => d.Code == Code).Message.Should().Contain("AMD EPYC 7B13 (simulated)").And.Contain("has no VNNI").And.Contain("weight_bits: 8");
            restored.Log.Warnings.Single(d => d.Code == Code).Location!.File.Should().Be(restoredProject.RecipePath, "located at the restoring clone's weight_bits line");
        }

        Summary(restored.Result).Should().Equal(Summary(direct.Result), "the report reads as if the step had been computed on this host");
        Summary(restored.Result).Any(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Should().Be(computedOnVnni);
        Messages(restored.Log).Should().Equal(Messages(direct.Log));

        var record = StepRecord.TryRead(PipelinePlanner.Plan(restoredProject.LoadRecipe(), restoredProject.Model, restoredProject.Work).Steps[1].RecordFile)!;
        record.Diagnostics.Any(d => d.Code == Code).Should().Be(computedOnVnni, "the record beside the output is this host's");
    }

    [Fact]
    public void ANoOpBuildReplaysTheHostWarningOfTheHostAtHand()
    {
        using var cache = new StepCache(CacheTestKit.Settings());
        var project = CacheProject.Create("noop", Recipe);
        var first = Run(project, cache, Avx2Host);
        first.Log.Codes.Should().Contain(Code);

        // The same work folder built again (as when obj/ is restored onto another machine): nothing runs.
        var onVnni = Run(project, cache, VnniHost);
        var onAvx2 = Run(project, cache, Avx2Host);

        onVnni.Result.StepsRun.Should().BeEmpty();
        onVnni.Log.Codes.Should().NotContain(Code);
        Summary(onVnni.Result).Should().NotContain(l => l.StartsWith("warning: ", StringComparison.Ordinal));
        onAvx2.Result.StepsRun.Should().BeEmpty();
        onAvx2.Log.Codes.Where(c => c == Code).Should().HaveCount(1);
        Summary(onAvx2.Result).Should().Equal(Summary(first.Result));

        // The MSBuild adapter's replay (EdgeGate) reads the same records.
        var planFile = PlanFile.PathOf(PipelinePlanner.Plan(project.LoadRecipe(), project.Model, project.Work));
        var later = DateTime.UtcNow.AddMinutes(1);
        EdgeEngine.WarningsOfSkippedSteps(planFile, later, VnniHost).Select(d => d.Code).Should().NotContain(Code);
        EdgeEngine.WarningsOfSkippedSteps(planFile, later, Avx2Host).Where(d => d.Code == Code).Should().ContainSingle()
            .Which.Message.Should().Contain("AMD EPYC 7B13 (simulated)");
    }

    private static (PipelineRunResult Result, DiagnosticLog Log) Run(CacheProject project, StepCache? cache, TargetProfile host)
    {
        var log = new DiagnosticLog();
        var result = PipelineRunner.Run(project.LoadRecipe(), project.Model, project.Out, project.Work, new PipelineRunOptions { Cache = cache, Report = log.Report, Host = host });
        return (result, log);
    }

    private static IReadOnlyList<string> Summary(PipelineRunResult result) => result.Finish.Manifest.Passes.Single(p => p.Kind == "quantize").Summary;

    private static IReadOnlyList<string> Messages(DiagnosticLog log) => log.Warnings.Where(d => d.Code == Code).Select(d => d.Message).ToList();
}
