// A recipe whose target asks for an execution provider this host's ONNX Runtime lacks (derived from
// OrtEnv.GetAvailableProviders(), so the test holds on any host): the build warns with EDGE3007 at the
// target's recipe line, every stage runs on the CPU and manifest.json, report.md and report.html say so;
// a second (no-op) run repeats the warning. A target that asks only for the CPU records it and stays quiet.
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Runtime;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pipeline;

public sealed class ExecutionProviderRunTests
{
    [Fact]
    public void AProviderTheHostLacksIsAWarningAndTheCpuIsRecordedPerStage()
    {
        var missing = ExecutionProviderTests.MissingOnHost();
        var shortName = ExecutionProviderNames.ToShortName(missing);
        var (dir, recipe) = Write($"{{profile: x86-avx2, execution_providers: [{shortName}, cpu]}}");

        var result = RecipeRunKit.Run(recipe, dir);

        var warning = result.Finish.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Runtime.ExecutionProviderUnavailable.Code).Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain(missing).And.Contain("every stage ran on CPUExecutionProvider");
        warning.Location.Should().Be(recipe.TargetLocation);
        warning.Location!.Line.Should().Be(3);
        result.Finish.Diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Error);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.OutputDirectory, "manifest.json")));
        var stages = manifest.RootElement.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("name").GetString()).Should().Equal("baseline", "fuse");
        foreach (var stage in stages)
        {
            stage.GetProperty("executionProviders").EnumerateArray().Select(p => p.GetString()).Should().Equal(ExecutionProviderNames.Cpu);
            var fallback = stage.GetProperty("providerFallbacks").EnumerateArray().Should().ContainSingle().Subject;
            fallback.GetProperty("provider").GetString().Should().Be(missing);
            fallback.GetProperty("reason").GetString().Should().Contain("does not offer");
        }

        var report = File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md"));
        report.Should().Contain("Execution provider: CPUExecutionProvider (every stage)").And.Contain($"the target's {missing} is not available on this host");
        File.ReadAllText(Path.Combine(result.OutputDirectory, "report.html")).Should().Contain("Execution provider: CPUExecutionProvider (every stage)");

        // Nothing changed: the evaluation is not redone, and the gate still warns.
        var again = RecipeRunKit.Run(recipe, dir);
        again.Finish.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Runtime.ExecutionProviderUnavailable.Code);
    }

    [Fact]
    public void ACpuTargetRecordsTheCpuForEveryStageWithoutAWarning()
    {
        var (dir, recipe) = Write("x86-avx2");

        var result = RecipeRunKit.Run(recipe, dir);

        result.Finish.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCatalog.Runtime.ExecutionProviderUnavailable.Code);
        result.Finish.Manifest.Stages.Should().HaveCount(2).And.OnlyContain(s => s.ExecutionProviders!.SequenceEqual(new[] { ExecutionProviderNames.Cpu }) && s.ProviderFallbacks == null);
        File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md")).Should().Contain("Execution provider: CPUExecutionProvider (every stage)").And.NotContain("not available on this host");
    }

    private static (string Dir, Recipe Recipe) Write(string target) => RecipeRunKit.FuseDigitsMlp("provider-run", target);
}
