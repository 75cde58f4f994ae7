// One plan per build: in a real `dotnet build`, only EdgePlan reads the recipe; it writes plan.json and the
// step, evaluation and gate tasks run from that file.
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class PlanOnceTests(SdkPackageFixture sdk)
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
          - fuse: {fold_batch_norm: false}
        """;

    [Fact]
    public void TheRecipeIsReadOncePerBuildAndTheLaterTasksUseThePlanFile()
    {
        var dir = sdk.CreateDigitsProject("PlanOnce", Recipe);

        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");

        code.Should().Be(0, log);
        var plan = Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "digits_cnn", "plan.json");
        File.Exists(plan).Should().BeTrue(log);
        log.Split('\n').Count(l => l.Contains("EdgeSdk: digits_cnn: read recipe", StringComparison.Ordinal)).Should().Be(1, log);
        log.Should().Contain("step 1/2 fuse").And.Contain("step 2/2 fuse-2").And.Contain("evaluating 3 stage(s)").And.Contain("digits_cnn: budgets met");
    }
}
