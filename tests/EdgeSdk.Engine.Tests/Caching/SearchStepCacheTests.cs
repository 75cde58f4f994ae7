// A search's trials are ordinary steps and go through the step cache: a second copy of the project runs no
// trial pass. The choice between trials rests on measurements of the build machine (latency, peak memory),
// so those are never taken from the cache: every trial is measured again on the machine that chooses.
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using EdgeSdk.Runs;

namespace EdgeSdk.Tests.Caching;

public sealed class SearchStepCacheTests
{
    private const string Recipe = """
        recipe: 1
        model: models/digits_mlp.onnx
        target: x86-avx2
        data:
          calibration: {inputs: data/train_x.npy, samples: 32}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy, samples: 100}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 5 points}
        passes:
          - fuse
          - quantize: {mode: static, fallback: false, sqnr_samples: 0}
        search:
          parameters:
            quantize.per_channel: [true, false]
          objective: {minimize: size}
        """;

    [Fact]
    public void TrialStepsComeFromTheCacheButEveryTrialIsMeasuredAgainOnThisMachine()
    {
        var settings = CacheTestKit.Settings();
        var log = new DiagnosticLog();
        var first = CacheProject.Create("search-a", Recipe);
        var second = CacheProject.Create("search-b", Recipe);

        PipelineRunResult a, b;
        using (var cache = new StepCache(settings))
        {
            a = first.Run(cache, log);
        }

        using (var cache = new StepCache(settings))
        {
            b = second.Run(cache, log);
        }

        (a.Search!.StepsRun, a.Search.TrialsMeasured).Should().Be((3, 3), "fuse once, quantize per trial; the baseline and both trials measured");
        b.Search!.StepsRun.Should().Be(0, "every trial step of the second copy comes from the machine-wide cache");
        b.Search.TrialsMeasured.Should().Be(3, "the measurements the choice rests on are taken on this machine, never restored");
        b.Search.Record.Machine.Should().NotBeNullOrEmpty();
        b.StepsRun.Should().BeEmpty("the build's steps are the chosen trial's");
        b.Finish.Manifest.Search!.ChosenTrial!.Id.Should().Be(a.Finish.Manifest.Search!.ChosenTrial!.Id);
        second.Artifacts(b).Onnx.Should().Equal(first.Artifacts(a).Onnx);
        log.Warnings.Should().BeEmpty();
    }
}
