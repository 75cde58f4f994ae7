// The API calls behind the `edgesdk` commands: validate reports what a recipe holds (or its errors),
// RunPipeline runs a plan file end to end and copies the published artifacts, again without rerunning
// anything current, and the target calls list profiles and refuse unknown names with a did-you-mean.
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Api;

public sealed class ToolApiTests
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy, samples: 64}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - size: {max: 1 MB}
        passes:
          - fuse
        """;

    private static string Targets => Path.Combine(TestPaths.RepoRoot, "targets");

    private static string Project()
    {
        var dir = TestPaths.NewTempDir("tool-api");
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(TestPaths.Model("digits_cnn"), Path.Combine(dir, "model.onnx"));
        File.Copy(TestPaths.Data("digits", "test_x.npy"), Path.Combine(dir, "data", "test_x.npy"));
        File.Copy(TestPaths.Data("digits", "test_y.npy"), Path.Combine(dir, "data", "test_y.npy"));
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe);
        return dir;
    }

    [Fact]
    public void ValidateCountsPassesAndBudgetsOrReturnsTheErrors()
    {
        var dir = Project();
        var valid = EdgeEngine.Validate(new ValidationRequest { RecipePath = Path.Combine(dir, "recipe.yaml"), TargetsDirectory = Targets });
        valid.Should().Be(valid with { Valid = true, PassCount = 1, BudgetCount = 1, TargetName = "host" });

        File.WriteAllText(Path.Combine(dir, "bad.yaml"), Recipe.Replace("- fuse", "- fuze"));
        var invalid = EdgeEngine.Validate(new ValidationRequest { RecipePath = Path.Combine(dir, "bad.yaml"), TargetsDirectory = Targets });
        invalid.Valid.Should().BeFalse();
        invalid.TargetName.Should().BeNull();
        invalid.Diagnostics.Should().Contain(d => d.Severity == DiagnosticSeverity.Error && d.Location!.File == Path.Combine(dir, "bad.yaml") && d.Location.Line == 12);
    }

    [Fact]
    public void RunPipelineRunsThePlanAndCopiesTheArtifactsThenRerunsNothingCurrent()
    {
        var dir = Project();
        var request = new PlanRequest { RecipePath = Path.Combine(dir, "recipe.yaml"), ModelPath = Path.Combine(dir, "model.onnx"), IntermediateDirectory = Path.Combine(dir, "work"), TargetsDirectory = Targets };
        var output = Path.Combine(dir, "edge");

        var first = EdgeEngine.RunPipeline(EdgeEngine.Plan(request).Pipeline!.PlanFile, output, new RunSettings());

        first.Finish.Passed.Should().BeTrue(string.Join("\n", first.Finish.Diagnostics));
        first.StepsRun.Should().Equal(1);
        first.Evaluated.Should().BeTrue();
        first.OutputDirectory.Should().Be(Path.Combine(output, "model"));
        Directory.GetFiles(first.OutputDirectory).Select(Path.GetFileName).Should().BeEquivalentTo(["model.onnx", "model.ort", "report.md", "report.html", "manifest.json"]);
        first.Finish.Summary.Should().EndWith(Path.Combine(output, "model", "report.md"));
        first.Sources.Should().Be(new StepSources(Computed: 1, LocalCache: 0, RemoteCache: 0), "no cache is open, so the one step was computed");

        var second = EdgeEngine.RunPipeline(EdgeEngine.Plan(request).Pipeline!.PlanFile, output, new RunSettings());
        second.StepsRun.Should().BeEmpty("the step's record matches the plan");
        second.Evaluated.Should().BeFalse("the recorded evaluation is current");
        File.ReadAllBytes(Path.Combine(output, "model", "model.onnx")).Should().Equal(File.ReadAllBytes(Path.Combine(first.OutputDirectory, "model.onnx")));
    }

    [Fact]
    public void ARecipeWithoutAModelIsAnErrorAtTheRecipe()
    {
        var dir = Project();
        var act = () => EdgeEngine.Plan(new PlanRequest { RecipePath = Path.Combine(dir, "recipe.yaml"), IntermediateDirectory = Path.Combine(dir, "work"), TargetsDirectory = Targets });

        act.Should().Throw<EdgeException>().Which.Diagnostics[^1].Should().Match<EdgeDiagnostic>(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("names no model") && d.Location!.File == Path.Combine(dir, "recipe.yaml"));
    }

    [Fact]
    public void TargetsAreListedWithHostLastAndAnUnknownNameGetsADidYouMean()
    {
        var listing = EdgeEngine.ListTargets(Targets);

        listing.Diagnostics.Should().BeEmpty();
        listing.Targets[^1].Name.Should().Be("host");
        listing.Targets.Select(t => t.Name).Should().Contain(Directory.GetFiles(Targets, "*.yaml").Select(Path.GetFileNameWithoutExtension));
        EdgeEngine.DescribeTarget(Targets, "X86-AVX2").Should().NotBeEmpty();
        var act = () => EdgeEngine.DescribeTarget(Targets, "x86-avx3");
        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Message.Should().Contain("Did you mean 'x86-avx2'?");
    }
}
