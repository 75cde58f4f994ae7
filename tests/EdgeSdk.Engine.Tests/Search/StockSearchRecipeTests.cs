// The stock recipe cpu-latency-search measures, besides the host-latency trials (per-layer decisions timed
// in isolation), the plain configuration with every layer int8 for every calibration, and the fused float
// model: its grid fits its trial budget, so the search is exhaustive and every point is a trial. Driven by
// the search loop with a fake evaluator (nothing is run or timed). The stock recipe cpu-latency-prune-search
// prunes channels, fine-tunes and quantizes, and measures every sparsity with and without int8; it needs
// labelled training data, and a recipe that extends it without is a located error.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Passes.Training;
using EdgeSdk.Training.Graph;
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

    [Fact]
    public void ThePruneSearchMeasuresEverySparsityWithAndWithoutInt8AfterAFineTune()
    {
        var dir = TestPaths.NewTempDir("stock-prune-search");
        var path = Path.Combine(dir, "mobilenet.yaml");
        File.WriteAllText(path, PruneSearchRecipe(withTraining: true));
        var recipe = RecipeRunKit.Load(path);
        var spec = recipe.Search!;
        spec.GridSize.Should().BeLessThanOrEqualTo(spec.TrialLimit, "the trial budget covers the grid");
        spec.EffectiveStrategy.Should().Be(SearchStrategyKind.Exhaustive);
        recipe.Passes.Select(p => p.Kind).Should().Equal(["prune", "finetune", "fuse", "quantize"], "the fine-tune recovers the pruned network before fuse folds its batch norms");

        var trials = SearchLoop.Run(spec, (a, order) => TrialResult.For(a, order, null, null, 0), results => results.Select(_ => 0.0).ToList());

        var plans = trials.Select(t => TrialRecipe.Apply(recipe, new TrialAssignment(spec.Parameters, t.Indices)).Passes).ToList();
        plans.Select(p => (p.Single(x => x.Kind == "prune").Options.Get<PruneOptions>().Sparsity, p.Single(x => x.Kind == "quantize").Enabled))
            .Should().BeEquivalentTo([(0.25, true), (0.25, false), (0.5, true), (0.5, false)]);
        plans.Select(p => p.Single(x => x.Kind == "prune").Options.Get<PruneOptions>()).Should().OnlyContain(o => o.Kind == PruneKind.Channel && o.Importance == ImportanceMethod.BatchNormScale && !o.Global);
        plans.Select(p => p.Single(x => x.Kind == "finetune").Options.Get<FinetuneOptions>().Training.BatchNorm).Should().OnlyContain(m => m == BatchNormMode.Train);
        plans.SelectMany(p => p.Where(x => x.Kind == "quantize" && x.Enabled)).Select(x => x.Options.Get<QuantizationOptions>()).Should().OnlyContain(o => o.HostLatency && o.Mode == QuantizationMode.Static);
    }

    [Fact]
    public void ExtendingThePruneSearchWithoutTrainingDataIsALocatedError()
    {
        var dir = TestPaths.NewTempDir("stock-prune-search-no-training");
        var path = Path.Combine(dir, "mobilenet.yaml");
        File.WriteAllText(path, PruneSearchRecipe(withTraining: false));

        var result = RecipeLoader.Load(path, RecipeRunKit.StockOptions);

        var error = result.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Which;
        error.Code.Should().Be(DiagnosticCatalog.Recipes.MissingDataSet.Code);
        error.Message.Should().Contain("'data.training'").And.Contain("finetune");
        error.Location!.File.Should().EndWith("cpu-latency-prune-search.yaml", "the pass that needs the data is declared in the stock recipe");
        error.Location.Line.Should().BeGreaterThan(0);
    }

    private static string PruneSearchRecipe(bool withTraining) => $$"""
        recipe: 1
        extends: cpu-latency-prune-search
        model: {{TestPaths.Model("digits32_mobilenet")}}
        data:
          calibration: {inputs: {{TestPaths.Data("digits32", "train_x.npy")}}, samples: 100}
        {{(withTraining ? $"  training: {{inputs: {TestPaths.Data("digits32", "train_x.npy")}, labels: {TestPaths.Data("digits32", "train_y.npy")}}}" : string.Empty)}}
          evaluation: {inputs: {{TestPaths.Data("digits32", "test_x.npy")}}, labels: {{TestPaths.Data("digits32", "test_y.npy")}}}
        """;
}
