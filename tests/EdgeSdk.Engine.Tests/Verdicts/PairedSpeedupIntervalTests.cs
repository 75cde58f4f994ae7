// The speedup interval of two models timed in the same interleaved rounds: drift common to both (a round
// that ran 2x slow for both) must not widen it, it must still cover the true ratio as often as promised,
// the same samples must give the same interval, and a speedup budget 20 % below the truth must be met
// where the unpaired interval of the same samples cannot decide it.
using EdgeSdk.Evaluation;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class PairedSpeedupIntervalTests
{
    private const int Rounds = 20;
    private const int Block = 5;

    [Fact]
    public void DriftCommonToBothModelsDoesNotWidenThePairedInterval()
    {
        var (before, after) = Interleaved(new Random(7), trueSpeedup: 2.0, drift: 1.5);
        var paired = PairedRatioInterval.Of(before, after, Rounds, 0.5, ConfidenceInterval.PercentileLevel)!;
        var unpaired = ConfidenceInterval.Ratio(Interval(before), Interval(after));

        paired.Low.Should().BeLessThanOrEqualTo(2.0);
        paired.High.Should().BeGreaterThanOrEqualTo(2.0);
        (paired.High - paired.Low).Should().BeLessThan((unpaired.High - unpaired.Low) / 2, "rounds slow for both cancel in the ratio");
    }

    [Fact]
    public void ThePairedIntervalCoversTheTrueSpeedupAtLeastAsOftenAsPromisedUnderDrift()
    {
        var random = new Random(11);
        var covered = 0;
        const int Trials = 200;
        for (var t = 0; t < Trials; t++)
        {
            var (before, after) = Interleaved(random, trueSpeedup: 1.6, drift: 1.0);
            var ci = PairedRatioInterval.Of(before, after, Rounds, 0.5, ConfidenceInterval.PercentileLevel)!;
            covered += ci.Low <= 1.6 && 1.6 <= ci.High ? 1 : 0;
        }

        // 97.5 % promised; a bootstrap over 20 rounds may fall a little short of it, never far (200 trials: ±1.1 %).
        ((double)covered / Trials).Should().BeGreaterThanOrEqualTo(0.93);
    }

    [Fact]
    public void TheSameSamplesAlwaysGiveTheSameInterval()
    {
        var (before, after) = Interleaved(new Random(3), trueSpeedup: 1.3, drift: 1.0);
        var first = PairedRatioInterval.Of(before, after, Rounds, 0.9, ConfidenceInterval.PercentileLevel);
        var second = PairedRatioInterval.Of(before.ToArray(), after.ToArray(), Rounds, 0.9, ConfidenceInterval.PercentileLevel);
        second.Should().Be(first);
    }

    [Fact]
    public void TooFewRoundsFallBackToTheUnpairedInterval()
    {
        var samples = Enumerable.Repeat(1.0, 40).ToArray();
        PairedRatioInterval.Of(samples, samples, PairedRatioInterval.MinimumRounds - 1, 0.5, 0.975).Should().BeNull();
        var summary = Summary(samples, rounds: 0);
        TimingVerdicts.Speedup(summary, summary, "p50", sameModel: false).Interval.Should().Be(ConfidenceInterval.Ratio(summary.P50Ci!, summary.P50Ci!));
    }

    [Fact]
    public void ASpeedupBudgetTwentyPercentBelowTheTruthIsMetUnderDriftWhereTheUnpairedIntervalCannotDecide()
    {
        var (before, after) = Interleaved(new Random(5), trueSpeedup: 2.0, drift: 1.5);
        var budget = new BudgetSpec { Name = "speedup", Kind = BudgetKind.Speedup, Limit = 1.6, Text = "speedup: {min: 1.6x}", Location = new EdgeSdk.Diagnostics.SourceLocation("recipe.yaml", 3, 5) };

        var paired = TimingVerdicts.Judge(budget, Summary(before, Rounds), Summary(after, Rounds), sameModel: false);
        var unpaired = TimingVerdicts.Judge(budget, Summary(before, 0), Summary(after, 0), sameModel: false);

        paired.Decision.Should().Be(TimingDecision.Met, paired.Explanation);
        unpaired.Decision.Should().Be(TimingDecision.Inconclusive, "the drift widens each percentile's own interval");
    }

    /// <summary>Runs of two models timed in <see cref="Rounds"/> rounds of <see cref="Block"/> runs each; every round slows both by a common factor up to 1 + <paramref name="drift"/>.</summary>
    private static (double[] Before, double[] After) Interleaved(Random random, double trueSpeedup, double drift)
    {
        var before = new List<double>();
        var after = new List<double>();
        for (var r = 0; r < Rounds; r++)
        {
            var slow = 1 + (drift * random.NextDouble());
            for (var b = 0; b < Block; b++)
            {
                before.Add(trueSpeedup * slow * Noise(random));
                after.Add(slow * Noise(random));
            }
        }

        return (before.ToArray(), after.ToArray());
    }

    // Log-normal run-to-run noise with median 1, so the true p50 ratio is exactly the speedup.
    private static double Noise(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Exp(0.1 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static ConfidenceInterval Interval(double[] samples) => QuantileInterval.Of(samples.Order().ToArray(), 0.5, ConfidenceInterval.PercentileLevel);

    private static LatencySummary Summary(double[] samples, int rounds) =>
        LatencySummary.From(LatencyStatistics.FromSamples(samples, 0, 1, 1), rounds);
}
