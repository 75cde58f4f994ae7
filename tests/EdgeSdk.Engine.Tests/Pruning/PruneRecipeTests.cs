// Recipes that use prune and lowrank load with their declared parameters, and importance: activation
// without a calibration set is rejected by the recipe's data requirements.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Tests.Recipes;

namespace EdgeSdk.Engine.Tests.Pruning;

public class PruneRecipeTests
{
    private const string Header = """
        recipe: 1
        model: model.onnx
        target: test-cpu
        data:
          evaluation:
            inputs: data/x.npy
            labels: data/y.npy
        evaluate:
          task: multiclass
          metrics: [accuracy]
        budgets:
          - accuracy: {max_absolute_drop: 1 points}
        passes:

        """;

    private readonly RecipeTestFiles _files = new();

    [Fact]
    public void PruneAndLowRankParametersLoadFromYaml()
    {
        var result = _files.Load(Header + """
              - fuse
              - prune: {sparsity: 0.5, scope: global, importance: l2, skip_layers: [head], round_to: 8}
              - prune: {pattern: 2:4, storage: dense}
                name: nm
              - lowrank: {rank_method: param_budget, param_budget: 0.5, op_types: [Gemm]}
            """);

        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        var passes = result.Recipe!.Passes;
        passes[1].Options.Get<PruneOptions>().Sparsity.Should().Be(0.5);
        passes[1].Options.Get<PruneOptions>().SkipLayers.Should().Equal("head");
        passes[1].Options.Get<PruneOptions>().RoundTo.Should().Be(8);
        passes[2].Options.Get<PruneOptions>().PatternText.Should().Be("2:4");
        passes[3].Options.Get<EdgeSdk.Passes.LowRank.LowRankOptions>().OpTypes.Should().Equal("Gemm");
    }

    [Fact]
    public void ActivationImportanceWithoutCalibrationDataFailsToLoad()
    {
        var result = _files.Load(Header + """
              - prune: {importance: activation}
            """);

        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Should().Contain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("calibration", StringComparison.OrdinalIgnoreCase));
    }
}
