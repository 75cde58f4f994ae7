// Latency confidence intervals and interleaved timing: order-statistic intervals with known ranks and
// their real coverage on skewed data, stages timed in alternating rounds, and timing that goes on only
// while a budget is undecided and stops at the bounded measuring time.
using EdgeSdk.Engine.Tests.Evaluation;
using EdgeSdk.Evaluation;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class LatencyIntervalTests
{
    [Theory]
    [InlineData(100, 0.5, 0.95, 40, 61.0)]     // the textbook 95% ranks of the median of 100
    [InlineData(100, 0.5, 0.975, 39, 62.0)]
    [InlineData(200, 0.9, 0.975, 170, 190.0)]
    [InlineData(100, 0.99, 0.975, 96, double.PositiveInfinity)] // 100 runs cannot bound p99 from above
    public void OrderStatisticIntervalsUseTheExactBinomialRanks(int n, double p, double level, double low, double high)
    {
        var sorted = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        QuantileInterval.Of(sorted, p, level).Should().Be(new ConfidenceInterval(low, high));
    }

    [Fact]
    public void IntervalsCoverTheTrueQuantileOfASkewedDistributionAtLeastAsOftenAsPromised()
    {
        // Exponential latencies (mean 1 ms): the true p90 is ln 10.
        var random = new Random(42);
        var truth = Math.Log(10);
        var covered = 0;
        const int Trials = 2000;
        for (var t = 0; t < Trials; t++)
        {
            var sample = Enumerable.Range(0, 150).Select(_ => -Math.Log(1 - random.NextDouble())).Order().ToArray();
            var ci = QuantileInterval.Of(sample, 0.9, ConfidenceInterval.PercentileLevel);
            covered += ci.Low <= truth && truth <= ci.High ? 1 : 0;
        }

        ((double)covered / Trials).Should().BeGreaterThanOrEqualTo(0.965, "the 97.5% interval is exact or conservative (2000 trials: ±0.4% noise)");
    }

    [Fact]
    public void RatioIntervalsBoundTheSpeedup()
    {
        var ratio = ConfidenceInterval.Ratio(new ConfidenceInterval(2.0, 2.2), new ConfidenceInterval(1.0, 1.1));
        ratio.Low.Should().BeApproximately(2.0 / 1.1, 1e-12);
        ratio.High.Should().BeApproximately(2.2, 1e-12);
        ConfidenceInterval.Ratio(new ConfidenceInterval(2, 3), new ConfidenceInterval(1, double.PositiveInfinity)).Low.Should().Be(0);
    }

    [Fact]
    public void StagesAreTimedInAlternatingRounds()
    {
        var order = new List<string>();
        var runs = new[] { new FakeRun("a", order, 1), new FakeRun("b", order, 2), new FakeRun("c", order, 3) };
        var measured = InterleavedLatencyRunner.Measure(runs, new EvaluationSettings { Warmup = 1, Runs = 40 }, null, null, CancellationToken.None);

        string.Concat(order.Take(3)).Should().Be("abc", "warm-up alternates too");
        // 40 runs over 20 rounds: blocks of 2, forward then backward.
        string.Concat(order.Skip(3).Take(12)).Should().Be("aabbccccbbaa");
        measured.Rounds.Should().Be(20);
        measured.Stages.Select(s => s.Runs).Should().Equal(40, 40, 40);
        measured.Stages.Select(s => s.P50Ms).Should().Equal(1, 2, 3);
        measured.Settled.Should().BeTrue();
    }

    [Fact]
    public void TimingGoesOnWhileUndecidedAndStopsOnceDecided()
    {
        var clock = new ManualClock();
        var run = new FakeRun("a", [], 1, () => clock.Advance(TimeSpan.FromMilliseconds(1)));
        var looks = new List<int>();
        var measured = InterleavedLatencyRunner.Measure([run], new EvaluationSettings { Warmup = 0, Runs = 20, MaxLatencySeconds = 60 }, stats =>
        {
            looks.Add(stats[0].Runs);
            return stats[0].Runs >= 100;
        }, null, CancellationToken.None, clock);

        measured.Settled.Should().BeTrue();
        looks[0].Should().Be(20, "the first look is at the requested runs");
        looks.Zip(looks.Skip(1)).Should().OnlyContain(p => p.Second >= p.First * 5 / 4, "later looks wait for a quarter more runs");
        measured.Stages[0].Runs.Should().Be(looks[^1]);
    }

    [Fact]
    public void TimingStopsAtTheBoundWhenNeverDecided()
    {
        var clock = new ManualClock();
        var run = new FakeRun("a", [], 1, () => clock.Advance(TimeSpan.FromMilliseconds(10)));
        var measured = InterleavedLatencyRunner.Measure([run], new EvaluationSettings { Warmup = 0, Runs = 10, MaxLatencySeconds = 2 }, _ => false, null, CancellationToken.None, clock);

        measured.Settled.Should().BeFalse();
        measured.Seconds.Should().BeApproximately(2, 0.02);
        measured.Stages[0].Runs.Should().BeInRange(199, 201, "10 ms per run for two seconds of the manual clock");
    }

    private sealed class FakeRun(string name, List<string> order, double ms, Action? onRun = null) : IRepeatedRun
    {
        public TimeSpan RunOnce()
        {
            order.Add(name);
            onRun?.Invoke();
            return TimeSpan.FromMilliseconds(ms);
        }

        public void Dispose()
        {
        }
    }
}
