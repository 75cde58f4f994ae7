// Nothing is lost on a no-op build: a step MSBuild skips as up to date still shows the warnings it gave
// when it ran; -p:EdgeRemeasure=true re-times the stages without re-running passes; `dotnet clean` removes
// the cached measurements so old timings are never judged again.
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class NoOpBuildTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy, samples: 100}
        evaluate:
          latency: {warmup: 2, runs: 20}
        budgets:
          - accuracy: {max_absolute_drop: 50 points}
        passes:
          - prune: {pattern: unstructured, sparsity: 0.3}
        """;

    [Fact]
    public void ANoOpBuildShowsTheWarningsOfCachedStepsAndCleanDropsCachedTimings()
    {
        var dir = sdk.CreateDigitsProject("NoOp", Recipe);

        var (code, first) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");
        code.Should().Be(0, first);
        first.Should().Contain("step 1/1 prune");
        var warned = Warnings(first);
        warned.Should().Contain(w => w.Contains("EDGE2206"), first);

        (code, var noop) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");
        code.Should().Be(0, noop);
        noop.Should().NotContain("step 1/1 prune").And.Contain("Skipping target \"EdgeRunSteps\"");
        Warnings(noop).Should().BeEquivalentTo(warned, "the cached step's warnings are shown again, once each");
        noop.Should().NotContain("0 Warning(s)");

        (code, var remeasured) = SdkPackageFixture.Dotnet(dir, "build", "-v:n", "-p:EdgeRemeasure=true");
        code.Should().Be(0, remeasured);
        remeasured.Should().NotContain("step 1/1 prune").And.Contain("evaluating 2 stage(s)");

        Directory.GetFiles(Path.Combine(dir, "obj"), "latency-*.json", SearchOption.AllDirectories).Should().NotBeEmpty();
        (code, var clean) = SdkPackageFixture.Dotnet(dir, "clean");
        code.Should().Be(0, clean);
        Directory.GetFiles(Path.Combine(dir, "obj"), "*.json", SearchOption.AllDirectories).Where(f => f.Contains("eval-cache", StringComparison.Ordinal)).Should().BeEmpty(clean);
    }

    // The distinct warning lines of a build log (MSBuild repeats them in its summary).
    private static List<string> Warnings(string log) => log.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Contains(": warning EDGE", StringComparison.Ordinal))
        .Select(l => l[l.IndexOf("warning EDGE", StringComparison.Ordinal)..])
        .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
        .Distinct()
        .ToList();
}
