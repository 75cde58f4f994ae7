// The stock recipe cpu-latency-search measures, besides the host-latency trials (per-layer decisions timed
// in isolation), the plain configuration with every layer int8 for every calibration, and the fused float
// model: its grid fits its trial budget, so the search is exhaustive and every point is a trial. Driven by
// the search loop with a fake evaluator (nothing is run or timed).
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Recipes;
using EdgeSdk.Search;

namespace EdgeSdk.Tests.Search;

public sealed class StockSearchRecipeTests
{
    [Fact]
    public void ThePlainInt8ConfigurationOfEveryCalibrationIsAmongTheTrials()
    {
        var dir = TestPaths.NewTempDir("stock-search");
        var path = Path.Combine(dir, "digits.yaml");
        File.WriteAllText(path, $$"""
            recipe: 1
            extends: cpu-latency-search
            model: {{TestPaths.Model("digits_cnn")}}
            data:
              calibration: {inputs: {{TestPaths.Data("digits", "train_x.npy")}}, samples: 100}
              evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, labels: {{TestPaths.Data("digits", "test_y.npy")}}}
            """);
        var recipe = RecipeRunKit.Load(path);
        var spec = recipe.Search!;
        spec.GridSize.Should().BeLessThanOrEqualTo(spec.TrialLimit, "the trial budget covers the grid");
        spec.EffectiveStrategy.Should().Be(SearchStrategyKind.Exhaustive);

        var trials = SearchLoop.Run(spec, (a, order) => TrialResult.For(a, order, null, null, 0), results => results.Select(_ => 0.0).ToList());

        trials.Should().HaveCount((int)spec.GridSize).And.HaveCountLessThanOrEqualTo(spec.TrialLimit);
        var quantize = trials.Select(t => TrialRecipe.Apply(recipe, new TrialAssignment(spec.Parameters, t.Indices)).Passes.Single(p => p.Kind == "quantize")).ToList();
        var enabled = quantize.Where(p => p.Enabled).Select(p => p.Options.Get<QuantizationOptions>()).ToList();
        var calibrations = new[] { CalibrationMethod.MinMax, CalibrationMethod.Percentile, CalibrationMethod.Entropy };
        enabled.Where(o => !o.HostLatency).Select(o => o.Calibration).Should().BeEquivalentTo(calibrations, "every layer int8 (no host-latency decision) is tried with every calibration");
        enabled.Where(o => o.HostLatency).Select(o => o.Calibration).Should().BeEquivalentTo(calibrations, "and so is the host-latency decision");
        enabled.Should().OnlyContain(o => o.Mode == QuantizationMode.Static && o.ExcludeNodes.Count == 0 && !o.KeepFirstLayerFloat && !o.KeepLastLayerFloat, "the plain trials are the stock static int8 configuration");
        quantize.Should().Contain(p => !p.Enabled, "the fused float model is a trial too");
    }
}
