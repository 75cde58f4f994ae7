// The search ranks its trials on one interleaved measurement of all their models: latencies measured
// separately (minutes apart, under other load) are replaced, so a slow model recorded at a quiet moment as
// fast cannot win, and a trial whose model file is gone keeps its own figures. Each model is timed warm (in blocks)
// and for long enough, whatever the recipe's run count.
using EdgeSdk.Evaluation;
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Reports;
using EdgeSdk.Search;

namespace EdgeSdk.Tests.Search;

public sealed class FinalistTimingTests
{
    [Fact]
    public void SeparateLatenciesAreReplacedByOneInterleavedMeasurementOfEveryModel()
    {
        var dir = TestPaths.NewTempDir("finalists");
        var recipePath = Path.Combine(dir, "r.yaml");
        File.WriteAllText(recipePath, $$"""
            recipe: 1
            model: {{TestPaths.Model("digits_mlp")}}
            evaluate:
              latency: {warmup: 2, runs: 40}
            passes: [fuse]
            """);
        var recipe = RecipeRunKit.Load(recipePath);
        var fast = TestPaths.Model("digits_mlp");
        var slow = TestPaths.Model("digits32_mobilenet");
        // Recorded as if measured at different moments: the MobileNet "faster" than the MLP, which is absurd.
        var baseline = Stage("baseline", fast, p50: 5.0);
        var trials = new[] { Trial("t-slow", Stage("t-slow", slow, p50: 0.001)), Trial("t-fast", Stage("t-fast", fast, p50: 9.0)), Trial("t-gone", Stage("t-gone", TestPaths.Model("digits_cnn"), p50: 0.5)) };
        var files = new Dictionary<string, string> { ["t-slow"] = slow, ["t-fast"] = fast, ["t-gone"] = Path.Combine(dir, "missing.onnx") };
        var settings = new EvaluationSettings { Warmup = 2, Runs = 40, Batch = 1, Threads = 1 };

        var (retimed, newBaseline) = FinalistTiming.Retime(trials, baseline, fast, files, recipe, settings, _ => null, new PipelineRunOptions());

        var slowLatency = retimed.Single(t => t.Id == "t-slow").Measurement!.Latency!;
        var fastLatency = retimed.Single(t => t.Id == "t-fast").Measurement!.Latency!;
        slowLatency.P50Ms.Should().BeGreaterThan(fastLatency.P50Ms, "MobileNet at 32x32 does far more work than the 8x8 MLP");
        slowLatency.Rounds.Should().BeGreaterThan(1, "measured interleaved");
        fastLatency.Rounds.Should().Be(slowLatency.Rounds, "one measurement for all");
        fastLatency.Runs.Should().BeGreaterThanOrEqualTo(InterleavedLatencyRunner.TargetRounds * FinalistTiming.MinimumBlock, "each model runs in blocks, warm, not once per round");
        fastLatency.MeasuredSeconds.Should().BeGreaterThanOrEqualTo(FinalistTiming.SecondsPerModel * 2, "two distinct models, each timed for at least a second");
        newBaseline.Latency!.P50Ms.Should().Be(fastLatency.P50Ms, "the baseline and t-fast are one model, timed once");
        retimed.Single(t => t.Id == "t-gone").Measurement!.Latency!.P50Ms.Should().Be(0.5, "a trial whose model is gone keeps its own figure");
    }

    private static TrialResult Trial(string id, StageMeasurement measurement) => new()
    {
        Id = id,
        Indices = [0],
        Parameters = [new("quantize.enabled", "true")],
        Measurement = measurement,
    };

    private static StageMeasurement Stage(string name, string model, double p50) => new()
    {
        Name = name,
        Sha256 = Fingerprint.FileSha256(model),
        Latency = new LatencySummary { P50Ms = p50, P90Ms = p50, P99Ms = p50, Runs = 10, Batch = 1, Threads = 1 },
    };
}
