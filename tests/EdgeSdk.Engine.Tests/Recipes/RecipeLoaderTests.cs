// The strict recipe loader: a valid recipe gives the right values in canonical units, and each kind of
// mistake gives an EDGE1xxx error at the exact line and column, all of them at once.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class RecipeLoaderTests
{
    private const string Valid = """
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
          latency: {warmup: 5, runs: 200, batch: 1, threads: 2}
        budgets:
          - accuracy: {max_absolute_drop: 0.5 points}
          - accuracy: {max_relative_drop: 1%, warning: true}
          - latency: {p90: 5 ms}
          - size: {max: 200 KB}
        passes:
          - fuse
          - fuse: {fold_batch_norm: false}
            name: second
            enabled: false
        """;

    private readonly RecipeTestFiles _files = new();

    [Fact]
    public void ValidRecipeLoadsWithCanonicalValues()
    {
        var result = _files.Load(Valid);

        result.Diagnostics.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
        var recipe = result.Recipe!;
        recipe.Version.Should().Be(1);
        recipe.ModelPath.Should().Be(Path.Combine(_files.Root, "model.onnx"));
        recipe.ModelLocation.Should().Be(new SourceLocation(Path.Combine(_files.Root, "recipe.yaml"), 2, 8));
        recipe.Target.Name.Should().Be("test-cpu");
        recipe.Target.PeakFp32Gflops.Should().Be(57.6);
        recipe.Target.Sources["peak_fp32"].Should().Be("https://example.test/fp32");
        recipe.Data.Evaluation!.Inputs.Should().ContainSingle().Which.Source.Should().Be(Path.Combine(_files.Root, "data", "x.npy"));
        recipe.Data.Evaluation.Labels.Should().Be(Path.Combine(_files.Root, "data", "y.npy"));
        recipe.Evaluate.Task.Should().Be(EvaluationTask.Multiclass);
        recipe.Evaluate.Metrics.Should().Equal("accuracy");
        recipe.Evaluate.Latency.Should().Be(new LatencySpec { Warmup = 5, Runs = 200, Batch = 1, Threads = 2 });

        recipe.Budgets.Select(b => b.Kind).Should().Equal(BudgetKind.AccuracyDropAbsolute, BudgetKind.AccuracyDropRelative, BudgetKind.LatencyP90, BudgetKind.ModelSize);
        recipe.Budgets[0].Limit.Should().BeApproximately(0.005, 1e-12);
        recipe.Budgets[0].Text.Should().Be("0.5 points");
        recipe.Budgets[0].Metric.Should().Be("accuracy");
        recipe.Budgets[0].Location.Line.Should().Be(13);
        recipe.Budgets[0].Location.Column.Should().Be(35);
        recipe.Budgets[1].Limit.Should().BeApproximately(0.01, 1e-12);
        recipe.Budgets[1].Severity.Should().Be(DiagnosticSeverity.Warning);
        recipe.Budgets[2].Limit.Should().Be(5);
        recipe.Budgets[3].Limit.Should().Be(200_000);

        recipe.Passes.Select(p => (p.Kind, p.Name, p.Enabled)).Should().Equal(("fuse", "fuse", true), ("fuse", "second", false));
        recipe.Passes[1].Options.Get<EdgeSdk.Passes.Fusion.FuseOptions>().FoldBatchNorm.Should().BeFalse();
        recipe.Passes[1].Options.LocationOf("fold_batch_norm")!.Line.Should().Be(19);
        recipe.Passes[0].Options.Get<EdgeSdk.Passes.Fusion.FuseOptions>().FoldBatchNorm.Should().BeTrue();
    }

    [Fact]
    public void UnknownKeyIsReportedWithDidYouMeanAtItsPosition()
    {
        var result = _files.Load(Valid.Replace("  latency: {warmup", "  latncy: {warmup"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1002");
        error.Message.Should().Contain("'latncy'").And.Contain("Did you mean 'latency'?");
        error.Location.Should().Be(new SourceLocation(Path.Combine(_files.Root, "recipe.yaml"), 11, 3));
        result.Succeeded.Should().BeFalse();
        result.Recipe.Should().BeNull();
    }

    [Fact]
    public void WrongTypeIsReportedAtTheValue()
    {
        var result = _files.Load(Valid.Replace("runs: 200", "runs: many"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1003");
        error.Message.Should().Contain("evaluate.latency.runs").And.Contain("whole number");
        error.Location!.Line.Should().Be(11);
        error.Location.Column.Should().Be(30);
    }

    [Fact]
    public void BadUnitIsReportedWithTheUnitsThatFit()
    {
        var result = _files.Load(Valid.Replace("p90: 5 ms", "p90: 5 mins"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1004");
        error.Message.Should().Contain("'mins'").And.Contain("ms");
        error.Location!.Line.Should().Be(15);
        error.Location.Column.Should().Be(20);
    }

    [Fact]
    public void AccuracyDropWithoutUnitIsABadUnit()
    {
        var result = _files.Load(Valid.Replace("max_absolute_drop: 0.5 points", "max_absolute_drop: 0.5"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1004");
        error.Message.Should().Contain("0.5 points");
        error.Location!.Line.Should().Be(13);
        error.Location.Column.Should().Be(35);
    }

    [Fact]
    public void SeveralMistakesAreAllReportedInFileOrder()
    {
        var yaml = Valid
            .Replace("target: test-cpu", "target: test-cpux")
            .Replace("task: multiclass", "task: multiclas")
            .Replace("size: {max: 200 KB}", "size: {max: 200 KG}")
            .Replace("fold_batch_norm: false", "fold_bn: false");

        var result = _files.Load(yaml);

        string.Join("\n", result.Diagnostics).Should().NotBeEmpty();
        RecipeTestFiles.Positions(result).Should().Be("EDGE1008@3,9; EDGE1011@9,9; EDGE1004@16,17; EDGE1002@19,12");
        result.Diagnostics[0].Message.Should().Contain("Did you mean 'test-cpu'?");
        result.Diagnostics[3].Message.Should().Contain("Did you mean 'fold_batch_norm'?");
    }

    [Fact]
    public void MissingFilesAndUnknownPassesAreLocated()
    {
        var yaml = Valid.Replace("labels: data/y.npy", "labels: data/missing.npy").Replace("  - fuse\n", "  - fusion\n");

        var result = _files.Load(yaml);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1013@7,13; EDGE1009@18,5");
        result.Diagnostics[1].Message.Should().Contain("Did you mean 'fuse'?");
    }

    [Fact]
    public void YamlSyntaxErrorIsLocated()
    {
        var result = _files.Load("recipe: 1\nmodel: [model.onnx\n");

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1001");
        error.Location!.Line.Should().BeGreaterThan(1);
    }

    [Fact]
    public void ModelPathSubstitutesBuildProperties()
    {
        Directory.CreateDirectory(Path.Combine(_files.Root, "Release"));
        File.WriteAllBytes(Path.Combine(_files.Root, "Release", "m.onnx"), [0]);

        var ok = _files.Load("recipe: 1\nmodel: ${Configuration}/m.onnx\n");
        var bad = _files.Load("recipe: 1\nmodel: ${Configuraton}/m.onnx\n", "bad.yaml");

        ok.Recipe!.ModelPath.Should().Be(Path.Combine(_files.Root, "Release", "m.onnx"));
        var error = bad.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1014");
        error.Message.Should().Contain("Did you mean 'Configuration'?");
        error.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void BudgetKindIsNeverImplied()
    {
        var result = _files.Load(Valid.Replace("- size: {max: 200 KB}", "- {max: 200 KB}"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1002");
        error.Message.Should().Contain("budget kind 'max'");
        error.Location!.Line.Should().Be(16);
    }

    [Fact]
    public void DuplicateKeyIsLocated()
    {
        var result = _files.Load("recipe: 1\nmodel: model.onnx\nmodel: other.onnx\n");

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1015");
        error.Location!.Line.Should().Be(3);
    }

    [Fact]
    public void MissingRecipeFileIsReported()
    {
        var result = RecipeLoader.Load(Path.Combine(_files.Root, "nope.yaml"), _files.Options);

        result.Diagnostics.Single().Code.Should().Be("EDGE1000");
        result.Succeeded.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("- 1\n- 2\n")]
    [InlineData("just text\n")]
    [InlineData("recipe: [1]\n")]
    [InlineData("recipe: 1\n? {a: 1}\n: b\n")]
    [InlineData("recipe: 1\npasses: [{}]\n")]
    [InlineData("recipe: 1\nbudgets: [[]]\n")]
    [InlineData("recipe: 1\nbudgets: [{accuracy: ~}]\n")]
    [InlineData("recipe: 1\ndata: {evaluation: ~}\n")]
    [InlineData("recipe: 1\ntarget: [rpi5]\n")]
    [InlineData("recipe: 1\nevaluate: {metrics: []}\n")]
    [InlineData("recipe: 1\nbase: &b {task: multiclass}\nevaluate: *b\n")]
    [InlineData("recipe: 1\nextends: ~\n")]
    [InlineData("recipe: 1\n---\nrecipe: 1\n")]
    public void MalformedRecipesGiveDiagnosticsNotExceptions(string yaml)
    {
        var result = _files.Load(yaml, "odd.yaml");

        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Should().NotBeEmpty().And.OnlyContain(d => d.Code.StartsWith("EDGE1") && d.Location != null);
    }
}
