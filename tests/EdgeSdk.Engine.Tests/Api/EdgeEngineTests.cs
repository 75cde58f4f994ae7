// The public engine API plans once and runs everything else from plan.json: after planning, the recipe
// can be gone and the data files' names changed on disk without a later call noticing, because no later
// call reads the recipe or hashes the data again. Also: the engine, not MSBuild, decides what to publish and where:
// a missed budget leaves the output folder's last good set exactly as it was and publishes the failed set whole to
// the work folder's failed/, which the diagnostics and the summary name; the next passing run removes it.
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
    public void AMissedBudgetLeavesTheLastGoodSetAndPublishesTheFailedSetWholeToTheWorkFolder()
    {
        var (dir, request) = Project("1 MB");
        var bin = Path.Combine(dir, "bin");
        var published = Path.Combine(bin, "model");
        var good = RunAndPublish(request, bin);
        good.Passed.Should().BeTrue(string.Join("\n", good.Diagnostics));
        good.PublishDirectory.Should().Be(published);
        var before = Snapshot(published);
        AssertManifestListsExactlyItsFiles(published);

        // The same project with a budget it misses.
        File.WriteAllText(request.RecipePath, Recipe.Replace("MAXSIZE", "1 KB"));
        var failed = RunAndPublish(request, bin);

        var failedDir = Path.Combine(dir, "obj", "model", "failed");
        failed.Passed.Should().BeFalse();
        failed.PublishDirectory.Should().Be(failedDir);
        failed.Publish.Select(a => Path.GetFileName(a.Path)).Should().BeEquivalentTo(["model.onnx", "model.ort", "report.md", "report.html", "manifest.json"]);
        var miss = failed.Diagnostics.Should().ContainSingle(d => d.Code == "EDGE5001").Which;
        miss.Location!.File.Should().Be(request.RecipePath);
        miss.Message.Should().EndWith("Full report: " + Path.Combine(failedDir, "report.md"));
        failed.Summary.Should().StartWith("model: budget missed").And.Contain(Path.Combine(failedDir, "report.md")).And.Contain("not published");
        Snapshot(published).Should().Equal(before, "the output folder keeps its last good set, byte for byte");
        AssertManifestListsExactlyItsFiles(published);
        AssertManifestListsExactlyItsFiles(failedDir);
        File.ReadAllText(Path.Combine(failedDir, "report.md")).Should().Contain("❌");
        EdgeSdk.Reports.Manifest.Read(Path.Combine(failedDir, "manifest.json")).Passed.Should().BeFalse("the failed set's manifest says it failed");
        EdgeSdk.Reports.Manifest.Read(Path.Combine(published, "manifest.json")).Passed.Should().BeTrue();

        // Budgets met again: published to the output folder, and the failed set is gone.
        File.WriteAllText(request.RecipePath, Recipe.Replace("MAXSIZE", "2 MB"));
        var again = RunAndPublish(request, bin);
        again.Passed.Should().BeTrue();
        Directory.Exists(failedDir).Should().BeFalse("a passing run removes the set an earlier run failed with");
        AssertManifestListsExactlyItsFiles(published);
        Snapshot(published).Should().NotEqual(before, "the new passing run's reports were published");
    }

    private static FinishOutcome RunAndPublish(PlanRequest request, string bin)
    {
        var pipeline = EdgeEngine.Plan(request).Pipeline!;
        EdgeEngine.RunStep(pipeline.PlanFile, 1, new RunSettings());
        EdgeEngine.Evaluate(pipeline.PlanFile, new RunSettings());
        var finish = EdgeEngine.Finish(pipeline.PlanFile, bin);
        var to = finish.PublishDirectory;
        EdgeEngine.Publish(Path.GetDirectoryName(to)!, Path.GetFileName(to), [.. finish.Publish.Select(a => a.Path)]);
        return finish;
    }

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    /// <summary>The manifest lists every other file of the folder, and only those, with their sha256.</summary>
    private static void AssertManifestListsExactlyItsFiles(string folder)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("artifacts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("path").GetString()!, a => a.GetProperty("sha256").GetString()!);
        var files = Snapshot(folder);
        files.Remove("manifest.json");
        listed.Should().BeEquivalentTo(files, $"the manifest of '{folder}' must describe exactly its files");
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
