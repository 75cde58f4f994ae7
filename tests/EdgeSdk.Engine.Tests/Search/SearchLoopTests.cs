// The loop and its strategies with a fake evaluator: exhaustive covers the grid once, TPE is reproducible
// by seed and finds a known optimum, and the trial count and wall-clock budgets stop the loop.
using EdgeSdk.Recipes;
using EdgeSdk.Search;
using static EdgeSdk.Tests.Search.SearchTestData;

namespace EdgeSdk.Tests.Search;

public sealed class SearchLoopTests
{
    private static readonly IReadOnlyList<SearchParameter> Small = [Parameter("quantize.calibration", "minmax", "entropy"), Parameter("prune.sparsity", 0.0, 0.25, 0.5)];

    private static readonly IReadOnlyList<SearchParameter> Large =
    [
        Parameter("a.x", 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
        Parameter("b.y", 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
        Parameter("c.z", 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
    ];

    /// <summary>A fake landscape over <see cref="Large"/>: loss is the distance from (5, 2, 6).</summary>
    private static double Landscape(TrialAssignment a) => Math.Abs(a.Indices[0] - 5) + Math.Abs(a.Indices[1] - 2) + Math.Abs(a.Indices[2] - 6);

    [Fact]
    public void SpaceEnumeratesTheGridWithTheFirstParameterSlowest()
    {
        var space = new SearchSpace(Small);
        space.Size.Should().Be(6);
        space.At(0).ToString().Should().Be("quantize.calibration=minmax, prune.sparsity=0");
        space.At(1).ToString().Should().Be("quantize.calibration=minmax, prune.sparsity=0.25");
        space.At(5).ToString().Should().Be("quantize.calibration=entropy, prune.sparsity=0.5");
        space.At(5).Id.Should().Be(new TrialAssignment(Small, [1, 2]).Id).And.MatchRegex("^t[0-9a-f]{10}$");
    }

    [Fact]
    public void ExhaustiveSearchTriesEveryPointOnceInGridOrder()
    {
        var spec = new SearchSpec { Parameters = Small };
        spec.EffectiveStrategy.Should().Be(SearchStrategyKind.Exhaustive);

        var results = Run(spec, a => a.Indices[1]);

        results.Select(r => r.Id).Should().Equal(Enumerable.Range(0, 6).Select(i => new SearchSpace(Small).At(i).Id));
    }

    [Fact]
    public void ALargeSpaceUsesTpeAndTheTrialCount()
    {
        var spec = new SearchSpec { Parameters = Large, MaxTrials = 30, Seed = 3 };
        spec.EffectiveStrategy.Should().Be(SearchStrategyKind.Tpe);

        var results = Run(spec, Landscape);

        results.Should().HaveCount(30);
        results.Select(r => r.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void TpeIsReproducibleBySeed()
    {
        var spec = new SearchSpec { Parameters = Large, MaxTrials = 20, Strategy = SearchStrategyKind.Tpe, Seed = 7 };

        var first = Run(spec, Landscape).Select(r => r.Id).ToList();
        var again = Run(spec, Landscape).Select(r => r.Id).ToList();
        var otherSeed = Run(spec with { Seed = 8 }, Landscape).Select(r => r.Id).ToList();

        again.Should().Equal(first);
        otherSeed.Should().NotEqual(first);
    }

    [Fact]
    public void TpeLearnsFromTheHistory()
    {
        // Over 10 seeds, TPE's best after 40 of 512 points must beat random sampling's best on average.
        double Best(SearchStrategyKind kind, int seed) => Run(new SearchSpec { Parameters = Large, MaxTrials = 40, Strategy = kind, Seed = seed }, Landscape).Min(r => double.Parse(r.Error!, System.Globalization.CultureInfo.InvariantCulture));
        var tpe = Enumerable.Range(1, 10).Average(s => Best(SearchStrategyKind.Tpe, s));
        var random = Enumerable.Range(1, 10).Average(s => Best(SearchStrategyKind.Exhaustive, s)); // exhaustive over a truncated budget = a seeded random order
        tpe.Should().BeLessThan(random);
    }

    [Fact]
    public void TheWallClockBudgetStopsTheLoop()
    {
        var clock = 0.0;
        var spec = new SearchSpec { Parameters = Large, MaxSeconds = 10 };
        var results = SearchLoop.Run(spec, (a, order) => { clock += 3; return Result(a, order, 0); }, rs => rs.Select(_ => 0.0).ToList(), () => clock);
        results.Should().HaveCount(4, "after the 4th trial 12 s have passed");
    }

    [Fact]
    public void TheHistoryRankingReachesTheStrategy()
    {
        // A strategy sees losses from the rank function: with the fake landscape TPE ends on or next to the optimum.
        var results = Run(new SearchSpec { Parameters = Large, MaxTrials = 60, Strategy = SearchStrategyKind.Tpe, Seed = 1 }, Landscape);
        results.Min(r => double.Parse(r.Error!, System.Globalization.CultureInfo.InvariantCulture)).Should().BeLessThanOrEqualTo(1);
    }

    /// <summary>Runs the loop with losses from <paramref name="loss"/> (kept in the result's Error field for the assertions).</summary>
    private static IReadOnlyList<TrialResult> Run(SearchSpec spec, Func<TrialAssignment, double> loss) =>
        SearchLoop.Run(spec, (a, order) => Result(a, order, loss(a)), rs => rs.Select(r => double.Parse(r.Error!, System.Globalization.CultureInfo.InvariantCulture)).ToList());

    private static TrialResult Result(TrialAssignment a, int order, double loss) => TrialResult.For(a, order, null, loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture), 0);
}
