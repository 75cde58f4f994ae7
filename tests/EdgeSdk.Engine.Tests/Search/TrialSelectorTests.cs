// Selection with known answers: budgets filter, the objective picks among what is left, and when nothing
// is left the closest trials are named with the budgets they miss.
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Search;
using static EdgeSdk.Tests.Search.SearchTestData;

namespace EdgeSdk.Tests.Search;

public sealed class TrialSelectorTests
{
    private static readonly Reports.StageMeasurement Baseline = Stage("baseline", 0.950, 10);

    // a: float-like (no drop, slow); b: 0.5 point drop, faster; c: 5 points drop, fastest; d: failed.
    private static readonly IReadOnlyList<TrialResult> Trials =
    [
        Trial("a", 1, Stage("a", 0.950, 10, 400_000)),
        Trial("b", 2, Stage("b", 0.945, 5, 120_000)),
        Trial("c", 3, Stage("c", 0.900, 2, 100_000)),
        Trial("d", 4, null),
    ];

    [Fact]
    public void TheFastestTrialWithinTheAccuracyBudgetIsChosen()
    {
        var selection = TrialSelector.Select(Trials, Baseline, [AccuracyDrop(1)], TargetProfile.Host, SearchObjective.Default);

        selection.Feasible.Should().BeTrue();
        selection.Chosen!.Trial.Id.Should().Be("b", "c is faster but drops 5 points");
        selection.Ranked.Select(j => j.Trial.Id).Should().Equal("b", "a", "c", "d");
        selection.Reason.Should().Contain("lowest p50 latency").And.Contain("2 of 4");
    }

    [Fact]
    public void TheObjectiveDecidesAmongFeasibleTrials()
    {
        TrialSelector.Select(Trials, Baseline, [AccuracyDrop(1)], TargetProfile.Host, SearchObjective.Parse("accuracy", maximize: true)).Chosen!.Trial.Id.Should().Be("a");
        TrialSelector.Select(Trials, Baseline, [], TargetProfile.Host, SearchObjective.Parse("size", maximize: false)).Chosen!.Trial.Id.Should().Be("c");
        TrialSelector.Select(Trials, Baseline, [AccuracyDrop(1)], TargetProfile.Host, SearchObjective.Parse("size", maximize: false)).Chosen!.Trial.Id.Should().Be("b");
    }

    [Fact]
    public void EveryBudgetIsAConstraint()
    {
        // A tight accuracy budget leaves a; adding a latency limit of 6 ms leaves nothing.
        TrialSelector.Select(Trials, Baseline, [AccuracyDrop(0.1)], TargetProfile.Host, SearchObjective.Default).Chosen!.Trial.Id.Should().Be("a");
        var none = TrialSelector.Select(Trials, Baseline, [AccuracyDrop(0.1), LatencyP50(6)], TargetProfile.Host, SearchObjective.Default);
        none.Feasible.Should().BeFalse();
        none.Chosen!.Trial.Id.Should().Be("a", "a misses only the latency limit, by less than b misses the accuracy budget");
    }

    [Fact]
    public void WithoutAFeasibleTrialTheDiagnosticNamesTheClosestTrialsAndWhatEachMissed()
    {
        var selection = TrialSelector.Select(Trials, Baseline, [AccuracyDrop(0.1), Size(110_000)], TargetProfile.Host, SearchObjective.Default);
        selection.Feasible.Should().BeFalse();

        var diagnostic = TrialSelector.NoFeasibleTrial(selection, At);

        diagnostic.Code.Should().Be(DiagnosticCatalog.Search.NoTrialMeetsBudgets.Code);
        diagnostic.Location.Should().Be(At);
        diagnostic.Message.Should().Contain("none of the 4 trial(s) meets every budget").And.Contain("(1 failed)");
        diagnostic.Message.Should().Contain("a (quantize.mode=a) misses 'size'").And.Contain("b (quantize.mode=b) misses");
        diagnostic.Message.Should().Contain("'accuracy'");
    }

    [Fact]
    public void FailedTrialsAreNeverChosen()
    {
        var selection = TrialSelector.Select([Trial("x", 1, null)], Baseline, [], TargetProfile.Host, SearchObjective.Default);
        selection.Chosen.Should().BeNull();
        selection.Feasible.Should().BeFalse();
        TrialSelector.NoFeasibleTrial(selection, At).Message.Should().Contain("produced a model").And.Contain("EDGE2101");
    }
}
