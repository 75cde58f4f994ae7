// The public engine API plans once and runs everything else from plan.json: after planning, the recipe
// can be gone and the data files' names changed on disk without a later call noticing, because no later
// call reads the recipe or hashes the data again. Also: the engine, not MSBuild, decides what to publish.
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Api;

public sealed class EdgeEngineTests
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: "${DataDir}/test_x.npy", labels: "${DataDir}/test_y.npy", samples: 64}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - size: {max: MAXSIZE}
        passes:
          - fuse
        """;

    private static (string Dir, PlanRequest Request) Project(string maxSize)
    {
        var dir = TestPaths.NewTempDir("engine-api");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(TestPaths.Model("digits_cnn"), Path.Combine(dir, "model.onnx"));
        File.Copy(TestPaths.Data("digits", "test_x.npy"), Path.Combine(dir, "data", "test_x.npy"));
        File.Copy(TestPaths.Data("digits", "test_y.npy"), Path.Combine(dir, "data", "test_y.npy"));
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe.Replace("MAXSIZE", maxSize));
        return (dir, new PlanRequest
        {
            RecipePath = Path.Combine(dir, "recipe.yaml"),
            ModelPath = Path.Combine(dir, "model.onnx"),
            IntermediateDirectory = Path.Combine(dir, "obj"),
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
            Properties = EdgeEngine.ParseProperties(["DataDir=data"], "--property"),
        });
    }

    [Fact]
    public void LaterCallsRunFromThePlanFileWithoutTheRecipe()
    {
        var (dir, request) = Project("1 MB");
        var planned = EdgeEngine.Plan(request);
        planned.Diagnostics.Should().BeEmpty();
        var pipeline = planned.Pipeline!;
        pipeline.PlanFile.Should().Be(Path.Combine(dir, "obj", "model", "plan.json"));
        pipeline.Steps.Should().ContainSingle().Which.Name.Should().Be("fuse");

        File.WriteAllText(request.RecipePath, "this: [is not, a recipe");

        var step = EdgeEngine.RunStep(pipeline.PlanFile, 1, new RunSettings());
        step.Summary.Should().NotBeEmpty();
        File.Exists(pipeline.Steps[0].OutputModel).Should().BeTrue();
        EdgeEngine.Evaluate(pipeline.PlanFile, new RunSettings()).Should().BeTrue();
        EdgeEngine.Evaluate(pipeline.PlanFile, new RunSettings()).Should().BeFalse("the recorded evaluation is current");
        var finish = EdgeEngine.Finish(pipeline.PlanFile, Path.Combine(dir, "bin"));

        finish.Passed.Should().BeTrue(string.Join("\n", finish.Diagnostics));
        finish.Publish.Select(a => Path.GetFileName(a.Path)).Should().BeEquivalentTo(["model.onnx", "model.ort", "report.md", "report.html", "manifest.json"]);
        finish.IntermediateFiles.Should().Contain(pipeline.PlanFile);
        finish.Summary.Should().StartWith("model: budgets met").And.EndWith(Path.Combine(dir, "bin", "model", "report.md"));
    }

    [Fact]
    public void PlanningListsEveryInputItReadAndWhetherTheRecipeUsedAProperty()
    {
        var (dir, request) = Project("1 MB");
        File.WriteAllText(Path.Combine(dir, "base.yaml"), "recipe: 1\ntarget: host\n");
        File.WriteAllText(request.RecipePath, Recipe.Replace("MAXSIZE", "1 MB").Replace("target: host\n", "extends: ./base.yaml\n", StringComparison.Ordinal));

        var pipeline = EdgeEngine.Plan(request).Pipeline!;

        pipeline.UsedProperties.Should().BeTrue("the data paths use ${DataDir}");
        pipeline.Inputs.Should().NotBeNull();
        pipeline.Inputs!.Where(i => i.ListPattern is null).Select(i => i.Path).Should().Contain(
            [request.ModelPath!, request.RecipePath, Path.Combine(dir, "base.yaml"), Path.Combine(dir, "data", "test_x.npy"), Path.Combine(dir, "data", "test_y.npy"), Path.Combine(request.TargetsDirectory, "x86-avx2.yaml")]);
        pipeline.Inputs.Should().Contain(new PlanInput(Path.GetFullPath(request.TargetsDirectory), "*.yaml"), "a profile added to the targets folder can change the plan");

        File.WriteAllText(request.RecipePath, Recipe.Replace("MAXSIZE", "1 MB").Replace("${DataDir}", "data", StringComparison.Ordinal));
        EdgeEngine.Plan(request).Pipeline!.UsedProperties.Should().BeFalse();
    }

    [Fact]
    public void AfterAMissedBudgetOnlyTheReportsArePublished()
    {
        var (dir, request) = Project("1 KB");
        var pipeline = EdgeEngine.Plan(request).Pipeline!;
        EdgeEngine.RunStep(pipeline.PlanFile, 1, new RunSettings());
        EdgeEngine.Evaluate(pipeline.PlanFile, new RunSettings());

        var finish = EdgeEngine.Finish(pipeline.PlanFile, Path.Combine(dir, "bin"));

        finish.Passed.Should().BeFalse();
        finish.Diagnostics.Should().Contain(d => d.Code == "EDGE5001" && d.Location!.File == request.RecipePath);
        finish.Publish.Select(a => Path.GetFileName(a.Path)).Should().BeEquivalentTo(["report.md", "report.html", "manifest.json"]);
    }

    [Fact]
    public void RecipeErrorsAreReturnedAndNothingIsPlanned()
    {
        var (dir, request) = Project("1 MB");
        File.WriteAllText(request.RecipePath, Recipe.Replace("MAXSIZE", "1 MB").Replace("task: multiclass", "tsk: multiclass"));

        var planned = EdgeEngine.Plan(request);

        planned.Pipeline.Should().BeNull();
        planned.Diagnostics.Should().Contain(d => d.Code == "EDGE1002" && d.Severity == DiagnosticSeverity.Error);
        File.Exists(Path.Combine(dir, "obj", "model", "plan.json")).Should().BeFalse();
    }

    [Fact]
    public void ACallWithoutAPlanIsALocatedError()
    {
        var missing = Path.Combine(TestPaths.NewTempDir("engine-api"), "plan.json");
        var act = () => EdgeEngine.Evaluate(missing, new RunSettings());

        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE0005" && d.Location!.File == missing);
    }
}
