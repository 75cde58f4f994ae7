// A step that times models on the build host (quantize with host_latency) keys on the batch and thread count
// it times with, so changing them re-runs its decision; steps that do not time on the host keep their keys.
// The thread count is the effective one (EdgeThreads / --threads over the recipe's), the same value the
// decision is given when the step runs.
using EdgeSdk.Pipeline;
using EdgeSdk.Runs;

namespace EdgeSdk.Tests.Caching;

public sealed class HostTimingFingerprintTests
{
    private static string TimedRecipe => CacheProject.Recipe.Replace("{mode: dynamic}", "{mode: dynamic, host_latency: true}", StringComparison.Ordinal);

    [Theory]
    [InlineData("batch: 1", "batch: 8")]
    [InlineData("threads: 1", "threads: 2")]
    public void AHostTimedStepKeysOnItsTimingSettingsAndOtherStepsDoNot(string before, string after)
    {
        var timed = Fingerprints(TimedRecipe, before, after);
        timed.Before[0].Should().Be(timed.After[0], "fuse does not time on the host");
        timed.Before[1].Should().NotBe(timed.After[1], "the host-latency decision depends on the batch and threads it was timed with");

        var untimed = Fingerprints(CacheProject.Recipe, before, after);
        untimed.Before.Should().Equal(untimed.After, "without host_latency no step depends on the timing settings");
    }

    [Fact]
    public void TheThreadOverrideIsWhatAHostTimedStepKeysOn()
    {
        var project = CacheProject.Create("timing-override", TimedRecipe);
        var recipe = project.LoadRecipe();
        recipe.Evaluate.Latency.Threads.Should().Be(1);
        PipelinePlan Plan(int threads) => PipelinePlanner.Plan(recipe, project.Model, project.Work, threads: threads);
        var (none, one, four) = (Plan(0), Plan(1), Plan(4));

        four.Timing.Should().Be(new RunTiming(1, 4));
        none.Timing.Should().Be(new RunTiming(1, 1), "0 keeps the recipe's threads");
        four.Steps[1].Fingerprint.Should().NotBe(none.Steps[1].Fingerprint, "a decision timed at 1 thread must not be reused at 4");
        one.Steps[1].Fingerprint.Should().Be(none.Steps[1].Fingerprint, "overriding with the recipe's own thread count times with the same settings");
        four.Steps[0].Fingerprint.Should().Be(none.Steps[0].Fingerprint, "fuse does not time on the host");
        four.EvaluationFingerprint.Should().NotBe(none.EvaluationFingerprint, "the evaluation times with the override too");

        var untimed = CacheProject.Create("timing-override-untimed");
        var plain = untimed.LoadRecipe();
        PipelinePlanner.Plan(plain, untimed.Model, untimed.Work, threads: 4).Steps.Select(s => s.Fingerprint)
            .Should().Equal(PipelinePlanner.Plan(plain, untimed.Model, untimed.Work).Steps.Select(s => s.Fingerprint), "without host_latency no step depends on the threads");
    }

    [Fact]
    public void ChangingTheThreadOverrideReRunsTheHostTimedStepWithThoseThreadsAndKeepingItReusesIt()
    {
        var project = CacheProject.Create("timing-run", TimedRecipe);
        var log = new DiagnosticLog();
        PipelineRunResult Run(int threads) => PipelineRunner.Run(project.LoadRecipe(), project.Model, project.Out, project.Work, new PipelineRunOptions { Threads = threads, Report = log.Report });

        Run(1).StepsRun.Should().Equal(1, 2);
        ThreadsTimedWith(project).Should().Be(1);
        Run(1).StepsRun.Should().BeEmpty("the same threads reuse the decision");
        Run(2).StepsRun.Should().Equal([2], "only the host-timed step depends on the threads");
        ThreadsTimedWith(project).Should().Be(2, "the decision times with the threads its fingerprint holds");
        Run(2).StepsRun.Should().BeEmpty();
    }

    private static int ThreadsTimedWith(CacheProject project)
    {
        var plan = PlanFile.Read(Directory.GetFiles(project.Work, PlanFile.FileName, SearchOption.AllDirectories).Single()).Plan;
        var record = StepRecord.TryRead(plan.Steps[1].RecordFile)!;
        // The decision's line; a host whose int8 class differs from the target's adds a second "host latency:" line (the
        // note that the decision is the host's), so pick the one that names the timing settings.
        var line = record.Summary.Single(s => s.StartsWith("host latency:", StringComparison.Ordinal) && s.EndsWith("thread(s)", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"batch \d+, (\d+) thread\(s\)$");
        match.Success.Should().BeTrue(line);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
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
