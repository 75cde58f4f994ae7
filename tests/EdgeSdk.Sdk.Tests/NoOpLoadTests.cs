// A no-op build of an up-to-date project does almost nothing: EdgePlan and EdgeGate replay the up-to-date record
// of the last build, so the process loads neither ONNX Runtime (managed or native) nor ML.NET nor the recipe
// parser, nor even the engine for planning and judging. The tasks' load trace (EDGE_TRACE_LOADS=1) says what the
// process has loaded; the cold build shows the trace does see those loads. A changed input still plans again.
using System.Text.RegularExpressions;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed partial class NoOpLoadTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy, samples: 100}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 2, runs: 20}
        budgets:
          - accuracy: {max_absolute_drop: 50 points}
        passes:
          - prune: {pattern: unstructured, sparsity: 0.3}
        """;

    private static readonly Dictionary<string, string?> Traced = new() { ["EDGE_TRACE_LOADS"] = "1" };

    [Fact]
    public void ANoOpBuildLoadsNeitherOnnxRuntimeNorMlNetNorTheRecipeParserAndAChangedRecipePlansAgain()
    {
        var dir = sdk.CreateDigitsProject("NoOpLoads", Recipe);

        var (code, cold) = SdkPackageFixture.Dotnet(dir, Traced, "build", "-v:n");
        code.Should().Be(0, cold);
        var evaluated = Trace(cold, "EdgeEvaluate");
        evaluated.Managed.Should().Contain(["Microsoft.ML.OnnxRuntime", "Microsoft.ML.Data", "YamlDotNet", "EdgeSdk.Engine"], "the trace sees what running the pipeline loads");
        evaluated.Native.Should().Contain(n => n.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase), cold);

        (code, var noop) = SdkPackageFixture.Dotnet(dir, Traced, "build", "-v:n");
        code.Should().Be(0, noop);
        noop.Should().Contain("planning skipped").And.NotContain("read recipe").And.NotContain("step 1/1 prune").And.NotContain("evaluating");
        noop.Should().Contain("Skipping target \"EdgeRunSteps\"").And.Contain("Skipping target \"EdgeEvaluate\"").And.Contain("digits_cnn: budgets met");
        Warnings(noop).Should().BeEquivalentTo(Warnings(cold), "the replayed gate shows the warnings a full one shows");
        Trace(noop, "EdgePlan").Managed.Should().Equal(["EdgeSdk.Tasks"], "planning was skipped without loading the engine");
        Trace(noop, "EdgeGate").Managed.Should().Equal(["EdgeSdk.Tasks"], "judging was replayed without loading the engine");
        var last = Trace(noop, "EdgePublish");
        last.Managed.Should().NotContain(a => a.StartsWith("Microsoft.ML", StringComparison.Ordinal), noop).And.NotContain("YamlDotNet").And.NotContain("Google.Protobuf");
        last.Native.Should().BeEmpty(noop);

        // A comment changes no fingerprint: the recipe is read again, no step runs, and the next build is a no-op again.
        File.AppendAllText(Path.Combine(dir, "recipe.yaml"), "# reviewed\n");
        (code, var replanned) = SdkPackageFixture.Dotnet(dir, Traced, "build", "-v:n");
        code.Should().Be(0, replanned);
        replanned.Should().Contain("read recipe").And.NotContain("planning skipped").And.NotContain("step 1/1 prune");
        Trace(replanned, "EdgePlan").Managed.Should().Contain("YamlDotNet");

        (code, noop) = SdkPackageFixture.Dotnet(dir, Traced, "build", "-v:n");
        code.Should().Be(0, noop);
        noop.Should().Contain("planning skipped");

        // Another evaluation data set plans and measures again.
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe.Replace("samples: 100", "samples: 60", StringComparison.Ordinal));
        (code, var remeasured) = SdkPackageFixture.Dotnet(dir, Traced, "build", "-v:n");
        code.Should().Be(0, remeasured);
        remeasured.Should().Contain("read recipe").And.Contain("evaluating 2 stage(s)");
    }

    private static (List<string> Managed, List<string> Native) Trace(string log, string task)
    {
        var match = TraceLine().Matches(log).LastOrDefault(m => m.Groups["task"].Value == task);
        match.Should().NotBeNull($"the build log should hold the load trace of {task}:\n{log}");
        static List<string> Split(string list) => [.. list.Split(", ", StringSplitOptions.RemoveEmptyEntries)];
        return (Split(match!.Groups["managed"].Value), Split(match.Groups["native"].Value));
    }

    // The distinct warning lines of a build log (MSBuild repeats them in its summary).
    private static List<string> Warnings(string log) => log.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Contains(": warning EDGE", StringComparison.Ordinal))
        .Select(l => l[l.IndexOf("warning EDGE", StringComparison.Ordinal)..])
        .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
        .Distinct()
        .ToList();

    [GeneratedRegex(@"EdgeSdk load trace after (?<task>\w+): managed \[(?<managed>[^\]]*)\]; native \[(?<native>[^\]]*)\]")]
    private static partial Regex TraceLine();
}
