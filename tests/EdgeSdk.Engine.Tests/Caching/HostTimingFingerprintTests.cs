// A step that times models on the build host (quantize with host_latency) keys on the batch and thread count
// it times with, so changing them re-runs its decision; steps that do not time on the host keep their keys.
using EdgeSdk.Pipeline;

namespace EdgeSdk.Tests.Caching;

public sealed class HostTimingFingerprintTests
{
    [Theory]
    [InlineData("batch: 1", "batch: 8")]
    [InlineData("threads: 1", "threads: 2")]
    public void AHostTimedStepKeysOnItsTimingSettingsAndOtherStepsDoNot(string before, string after)
    {
        var timed = Fingerprints(CacheProject.Recipe.Replace("{mode: dynamic}", "{mode: dynamic, host_latency: true}", StringComparison.Ordinal), before, after);
        timed.Before[0].Should().Be(timed.After[0], "fuse does not time on the host");
        timed.Before[1].Should().NotBe(timed.After[1], "the host-latency decision depends on the batch and threads it was timed with");

        var untimed = Fingerprints(CacheProject.Recipe, before, after);
        untimed.Before.Should().Equal(untimed.After, "without host_latency no step depends on the timing settings");
    }

    private static (IReadOnlyList<string> Before, IReadOnlyList<string> After) Fingerprints(string recipe, string before, string after)
    {
        recipe.Should().Contain("batch: 1, threads: 1");
        var project = CacheProject.Create("timing");
        File.WriteAllText(project.RecipePath, recipe);
        var first = PipelinePlanner.Plan(project.LoadRecipe(), project.Model, Path.Combine(project.Directory, "obj"));
        File.WriteAllText(project.RecipePath, recipe.Replace(before, after, StringComparison.Ordinal));
        var second = PipelinePlanner.Plan(project.LoadRecipe(), project.Model, Path.Combine(project.Directory, "obj"));
        return ([.. first.Steps.Select(s => s.Fingerprint)], [.. second.Steps.Select(s => s.Fingerprint)]);
    }
}
