// The easy path most users start on: a model and unlabeled sample inputs. Fidelity metrics compare every
// stage with the pipeline's input model, so the recipe runs and is gated without labels; the stages are
// timed interleaved, a speedup budget is judged in the same run, and --remeasure re-times without re-running
// passes or metrics.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class UnlabeledFidelityRunTests
{
    [Fact]
    public void ARecipeWithoutLabelsIsGatedOnFidelityToTheInputModel()
    {
        var dir = TestPaths.NewTempDir("fidelity-run");
        var path = Path.Combine(dir, "digits.yaml");
        File.WriteAllText(path, $$"""
            recipe: 1
            target: x86-avx2
            model: {{TestPaths.Model("digits_cnn")}}
            data:
              calibration: {inputs: {{TestPaths.Data("digits", "train_x.npy")}}, samples: 64}
              evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, samples: 200}
            evaluate:
              metrics: [Top1Agreement, Sqnr, MaxAbsoluteDifference]
              latency: {warmup: 2, runs: 20, max_duration: 5 s}
            budgets:
              - accuracy: {min: 95%}
              - accuracy: {metric: Sqnr, min: 15}
              - accuracy: {metric: MaxAbsoluteDifference, max: 0.000001}
              - speedup: {min: 0.05x}
            passes:
              - fuse
              - quantize: {fallback: false}   # the fallback would try to meet the MaxAbsoluteDifference ceiling; here the gate must catch it
            """);
        var recipe = RecipeRunKit.Load(path);

        var result = RecipeRunKit.Run(recipe, dir);

        var manifest = result.Finish.Manifest;
        manifest.Baseline.Metrics["Top1Agreement"].Should().Be(1, "the input model agrees with itself");
        manifest.Baseline.Metrics["MaxAbsoluteDifference"].Should().Be(0);
        manifest.Final.Metrics["Top1Agreement"].Should().BeInRange(0.95, 1.0);
        manifest.Final.Metrics["MaxAbsoluteDifference"].Should().BeGreaterThan(1e-6, "int8 outputs differ from float ones");
        manifest.Budgets.Where(b => !b.Passed).Select(b => b.Name).Should().Equal("MaxAbsoluteDifference.max");
        result.Finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().ContainSingle(d => d.Code == "EDGE5001" && d.Message.Contains("is above the ceiling"));
        manifest.Budgets.Single(b => b.Kind == nameof(BudgetKind.Speedup)).Verdict.Should().Be("met");
        manifest.Stages.Should().OnlyContain(s => s.Latency!.Rounds > 0 && s.Latency.P50Ci != null, "every stage is timed interleaved with an interval");
        manifest.Stages.Select(s => s.Latency!.Rounds).Distinct().Should().HaveCount(1, "all stages are timed in the same rounds");
        File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md")).Should().Contain("| Top1Agreement |", "the headline leads with the first evaluate.metrics");

        var again = RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Remeasure = true });
        again.StepsRun.Should().BeEmpty("re-measuring does not re-run passes");
        again.Evaluated.Should().BeTrue();
        again.Finish.Manifest.Final.Metrics.Should().Equal(manifest.Final.Metrics, "metrics come from the per-stage cache");
        again.Finish.Manifest.Final.Latency!.SamplesMs.Should().NotEqual(manifest.Final.Latency!.SamplesMs, "the stages were timed again");
    }
}
