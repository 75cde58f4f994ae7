// The `search:` section is validated like every other key: pass options and their values against the
// pass's declaration, each mistake a located error.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Search;
using EdgeSdk.Tests.Recipes;

namespace EdgeSdk.Tests.Search;

public sealed class SearchSectionReaderTests
{
    private const string Head = """
        recipe: 1
        model: model.onnx
        data:
          calibration: {inputs: data/x.npy}
          evaluation: {inputs: data/x.npy, labels: data/y.npy}
        passes:
          - fuse
          - quantize: {mode: static}
          - prune: {sparsity: 0.5}
            enabled: false

        """;

    [Fact]
    public void AValidSectionIsRead()
    {
        var files = new RecipeTestFiles();
        var result = files.Load(Head + """
            search:
              parameters:
                quantize.calibration: [minmax, entropy]
                prune.sparsity: [0.25, 0.5]
                prune.enabled: [true, false]
              objective: {maximize: accuracy}
              strategy: tpe
              trials: 5
              time: 10 min
              seed: 4
            """);

        result.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Should().BeEmpty();
        var search = result.Recipe!.Search!;
        search.Parameters.Select(p => p.Key).Should().Equal("quantize.calibration", "prune.sparsity", "prune.enabled");
        search.Parameters[1].Values.Should().Equal(0.25, 0.5);
        search.Parameters[2].Values.Should().Equal(true, false);
        search.Objective.Should().Be(new SearchObjective(ObjectiveQuantity.Metric, true, "accuracy"));
        search.Strategy.Should().Be(SearchStrategyKind.Tpe);
        (search.MaxTrials, search.MaxSeconds, search.Seed, search.GridSize).Should().Be((5, 600.0, 4, 8L));
        search.Location!.Line.Should().Be(12);
    }

    [Theory]
    [InlineData("    quantise.calibration: [minmax]", "EDGE7002", 13, 5, "Did you mean 'quantize'")]
    [InlineData("    quantize.calibraton: [minmax]", "EDGE7003", 13, 5, "Did you mean 'calibration'")]
    [InlineData("    prune.sparsity: [0.5, 1.5]", "EDGE1005", 13, 27, "must be between 0 and 0.99")]
    [InlineData("    quantize.calibration: [minmax, median]", "EDGE1011", 13, 36, "must be one of")]
    [InlineData("    quantize.enabled: [true, maybe]", "EDGE1003", 13, 30, "true or false")]
    [InlineData("    quantize.calibration: minmax", "EDGE1003", 13, 27, "non-empty list")]
    [InlineData("    quantize.calibration: [minmax, minmax]", "EDGE1015", 13, 36, "twice")]
    [InlineData("    calibration: [minmax]", "EDGE1011", 13, 5, "'pass.option'")]
    public void MistakesAreLocatedErrors(string line, string code, int lineNumber, int column, string text)
    {
        var result = new RecipeTestFiles().Load(Head + "search:\n  parameters:\n" + line + "\n");

        var error = result.Diagnostics.Should().ContainSingle(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Subject;
        (error.Code, error.Location!.Line, error.Location.Column).Should().Be((code, lineNumber, column));
        error.Message.Should().Contain(text);
    }

    [Theory]
    [InlineData("  objective: {minimize: speed}", "neither a measured quantity nor a metric")]
    [InlineData("  objective: {minimize: size, maximize: accuracy}", "exactly one")]
    [InlineData("  strategy: random", "must be one of")]
    [InlineData("  trials: 0", "it must be")]
    public void SettingsAreValidated(string line, string text)
    {
        var result = new RecipeTestFiles().Load(Head + "search:\n  parameters:\n    quantize.calibration: [minmax]\n" + line + "\n");
        var error = result.Diagnostics.Should().ContainSingle(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Subject;
        error.Location!.Line.Should().Be(14);
        error.Message.Should().Contain(text);
    }
}
