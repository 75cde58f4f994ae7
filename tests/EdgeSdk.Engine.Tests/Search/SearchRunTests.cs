// A search end to end on the digits MLP: trials run as cached steps, the budgets filter them, the
// objective picks one, the build's final model is the chosen trial's (nothing runs twice), the reports
// show the trials, and a later build that changes only budgets or the objective re-selects without
// running a pass. Small space, small data, few latency runs.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;
using EdgeSdk.Search;

namespace EdgeSdk.Tests.Search;

public sealed class SearchRunTests
{
    private static string Recipe(string budgets, string objective) => $$"""
        recipe: 1
        model: {{TestPaths.Model("digits_mlp")}}
        data:
          calibration: {inputs: {{TestPaths.Data("digits", "train_x.npy")}}, samples: 64, shuffle: true, seed: 1}
          evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, labels: {{TestPaths.Data("digits", "test_y.npy")}}, samples: 200}
        evaluate:
          latency: {warmup: 2, runs: 15}
        budgets:
        {{budgets}}
        passes:
          - fuse
          - quantize: {mode: static, fallback: false, sqnr_samples: 0}
        search:
          parameters:
            quantize.enabled: [true, false]
            quantize.per_channel: [true, false]
          objective: {{objective}}
        """;

    private static (Recipe Recipe, string Dir) Load(string dir, string budgets, string objective)
    {
        var path = Path.Combine(dir, "search.yaml");
        File.WriteAllText(path, Recipe(budgets, objective));
        return (RecipeRunKit.Load(path), dir);
    }

    private static PipelineRunResult Run(Recipe recipe, string dir) => RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Threads = 1 });

    [Fact]
    public void TheChosenTrialIsTheBuildsModelAndChangingOnlyBudgetsOrTheObjectiveRunsNoPass()
    {
        var dir = TestPaths.NewTempDir("search-run");
        var (recipe, _) = Load(dir, "  - accuracy: {max_absolute_drop: 2 points}", "{minimize: size}");

        var first = Run(recipe, dir);

        var search = first.Search!;
        search.Record.Trials.Should().HaveCount(4);
        search.Record.Strategy.Should().Be("exhaustive");
        search.StepsRun.Should().Be(3, "fuse runs once (shared by every trial) and quantize once per per_channel value");
        first.StepsRun.Should().BeEmpty("the build's steps are the chosen trial's, copied from the search's store");
        search.Record.Feasible.Should().BeTrue();
        var manifest = first.Finish.Manifest;
        manifest.Search!.Trials.Should().HaveCount(4);
        var chosen = manifest.Search.ChosenTrial!;
        chosen.Parameters["quantize.enabled"].Should().Be("true", "int8 weights are the smallest model within 2 points");
        chosen.Bytes.Should().Be(manifest.Final.Bytes);
        manifest.Final.Sha256.Should().Be(search.Record.Trials.Single(t => t.Id == chosen.Id).Measurement!.Sha256);
        manifest.Search.Trials.Where(t => t.Id != chosen.Id && t.Status != "failed").Should().OnlyContain(t => t.Bytes >= chosen.Bytes || t.Status == "infeasible");

        var md = File.ReadAllText(Path.Combine(first.OutputDirectory, "report.md"));
        md.Should().Contain("Search (minimize size): chosen `" + chosen.Id + "`").And.Contain("| 1 | `" + chosen.Id + "` |");
        var html = File.ReadAllText(Path.Combine(first.OutputDirectory, "report.html"));
        html.Should().Contain("<h2>Search</h2>").And.Contain("vs p50 latency, every trial").And.Contain("vs model size, every trial").And.Contain("class=\"point chosen\"");

        // Same trials, a new objective and a new budget: re-selected, nothing run or measured.
        var (changed, _) = Load(dir, "  - accuracy: {max_absolute_drop: 2 points}\n  - size: {max: 10 MB}", "{maximize: accuracy}");
        var second = Run(changed, dir);
        second.Search!.Record.Reselected.Should().BeTrue();
        (second.Search.StepsRun, second.Search.TrialsMeasured).Should().Be((0, 0));
        second.StepsRun.Should().BeEmpty();
        var best = second.Search.Record.Trials.Where(t => t.Measurement is not null).Max(t => t.Measurement!.Metrics["MicroAccuracy"]);
        second.Finish.Manifest.Search!.ChosenTrial!.Metrics["MicroAccuracy"].Should().Be(best);

        // An interrupted search (its record lost) resumes from the stored steps and measurements.
        File.Delete(SearchRecord.PathIn(Path.Combine(dir, "cache", "digits_mlp")));
        var resumed = Run(changed, dir);
        (resumed.Search!.StepsRun, resumed.Search.TrialsMeasured, resumed.Search.Record.Reselected).Should().Be((0, 0, false));
        resumed.Search.Record.Trials.Select(t => t.Id).Should().Equal(second.Search.Record.Trials.Select(t => t.Id));
    }

    [Fact]
    public void WhenNoTrialMeetsTheBudgetsTheBuildFailsNamingTheClosestTrials()
    {
        var dir = TestPaths.NewTempDir("search-none");
        var (recipe, _) = Load(dir, "  - size: {max: 1 KB}", "{minimize: latency_p50}");

        var result = Run(recipe, dir);

        var error = result.Finish.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Search.NoTrialMeetsBudgets.Code).Subject;
        error.Severity.Should().Be(DiagnosticSeverity.Error);
        error.Location!.Line.Should().Be(14, "the search section's body starts there");
        error.Message.Should().Contain("none of the 4 trial(s) meets every budget").And.Contain("misses 'size.max'");
        result.Finish.Manifest.Search!.Feasible.Should().BeFalse();
        result.OutputDirectory.Should().Be(Path.Combine(dir, "cache", result.Finish.Manifest.Model, "failed"), "a failed run publishes its set to the work folder");
        File.Exists(Path.Combine(result.OutputDirectory, "report.md")).Should().BeTrue("the closest trial's report is written");
        Directory.Exists(Path.Combine(dir, "out", result.Finish.Manifest.Model)).Should().BeFalse("a failed run publishes nothing to the output folder");
    }
}
