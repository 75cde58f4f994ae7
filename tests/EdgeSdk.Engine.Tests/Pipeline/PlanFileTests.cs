// plan.json holds the recipe and plan so that later build steps never parse the recipe or hash the model
// and data again: what is read back must be the same recipe and plan (same JSON, same fingerprints).
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;
using EdgeSdk.Tests.Recipes;

namespace EdgeSdk.Engine.Tests.Pipeline;

public sealed class PlanFileTests
{
    private const string RichRecipe = """
        recipe: 1
        target: {profile: test-cpu, cores: 2}
        data:
          calibration: {inputs: data/x.npy, samples: 2, shuffle: true, seed: 3, preprocess: {scale: 0.5, mean: [0.1], std: [2]}}
          training: {inputs: data/x.npy, labels: data/y.npy}
          evaluation: {inputs: data/x.npy, labels: data/y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy, Top1Agreement]
          latency: {warmup: 2, runs: 7, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 0.5 points, warning: true}
          - latency: {p90: 5 ms}
          - size: {max: 1 MB}
        passes:
          - fuse
          - prune: {sparsity: 0.5}
            name: slim
            enabled: false
          - quantize: {mode: static, calibration: percentile, exclude_op_types: [Softmax, Gemm], percentile: 99.9}
        """;

    [Fact]
    public void SearchSectionReadsBackUnchanged()
    {
        var files = new RecipeTestFiles();
        var yaml = RichRecipe + "\nsearch:\n  parameters:\n    quantize.calibration: [minmax, entropy]\n  objective: {minimize: size}\n  trials: 2\n  seed: 1\n";
        var result = RecipeLoader.Load(files.Write("search.yaml", yaml), files.Options);
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Diagnostics));
        var plan = PipelinePlanner.Plan(result.Recipe!, Path.Combine(files.Root, "model.onnx"), Path.Combine(files.Root, "obj"));

        var read = PlanFile.Read(PlanFile.Write(result.Recipe!, plan));

        read.Recipe.Search.Should().NotBeNull();
        PlanFile.ToJson(read.Recipe, read.Plan).Should().Be(PlanFile.ToJson(result.Recipe!, plan));
    }

    [Fact]
    public void RecipeAndPlanReadBackUnchanged()
    {
        var files = new RecipeTestFiles();
        var result = RecipeLoader.Load(files.Write("rich.yaml", RichRecipe), files.Options);
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Diagnostics));
        var model = Path.Combine(files.Root, "model.onnx");
        var plan = PipelinePlanner.Plan(result.Recipe!, model, Path.Combine(files.Root, "obj"));

        var path = PlanFile.Write(result.Recipe!, plan);
        var read = PlanFile.Read(path);

        PlanFile.ToJson(read.Recipe, read.Plan).Should().Be(File.ReadAllText(path));
        read.Plan.Steps.Select(s => s.Fingerprint).Should().Equal(plan.Steps.Select(s => s.Fingerprint));
        read.Plan.EvaluationFingerprint.Should().Be(plan.EvaluationFingerprint);
        PipelinePlanner.Plan(read.Recipe, model, Path.Combine(files.Root, "obj")).Steps.Select(s => s.Fingerprint)
            .Should().Equal(plan.Steps.Select(s => s.Fingerprint), "the recipe read back plans to the same fingerprints");
        var quantize = read.Recipe.Passes[2].Options;
        quantize.CanonicalText.Should().Be(result.Recipe!.Passes[2].Options.CanonicalText);
        quantize.Canonical["mode"].Should().Be("static");
        quantize.Canonical["percentile"].Should().Be(99.9);
        quantize.Canonical["exclude_op_types"].Should().BeEquivalentTo(new[] { "Softmax", "Gemm" });
        quantize.LocationOf("percentile").Should().Be(result.Recipe!.Passes[2].Options.LocationOf("percentile"));
        quantize.Value.GetType().Should().Be(result.Recipe!.Passes[2].Options.Value.GetType());
        read.Recipe.Budgets[0].Severity.Should().Be(EdgeSdk.Diagnostics.DiagnosticSeverity.Warning);
        read.Recipe.Target.Cores.Should().Be(2);
    }

    [Fact]
    public void UnchangedPlanIsNotRewritten()
    {
        var files = new RecipeTestFiles();
        var loaded = RecipeLoader.Load(files.Write("r.yaml", RichRecipe), files.Options);
        loaded.Succeeded.Should().BeTrue(string.Join("\n", loaded.Diagnostics));
        var recipe = loaded.Recipe!;
        var plan = PipelinePlanner.Plan(recipe, Path.Combine(files.Root, "model.onnx"), Path.Combine(files.Root, "obj"));
        var path = PlanFile.Write(recipe, plan);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        PlanFile.Write(recipe, plan);

        File.GetLastWriteTimeUtc(path).Should().Be(stamp);
    }

    [Fact]
    public void MissingOrForeignPlanIsALocatedError()
    {
        var dir = TestPaths.NewTempDir("plan");
        var missing = Path.Combine(dir, "plan.json");
        var act = () => PlanFile.Read(missing);
        act.Should().Throw<EdgeSdk.Diagnostics.EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE0005");

        File.WriteAllText(missing, "{\"Format\": 1, \"EngineVersion\": \"0.0.0-other\"");
        act.Should().Throw<EdgeSdk.Diagnostics.EdgeException>().Which.Diagnostics[0].Location!.File.Should().Be(missing);
    }
}
