// The interval of a speedup whose two models were timed interleaved, in the same rounds. On a shared machine
// a round that ran slow (another process took the core, the host's other VMs woke up) ran slow for both, so
// the two percentiles move together. Combining their separate intervals (ConfidenceInterval.Ratio) counts that
// drift twice and gives an interval as wide as the drift: a speedup budget 20 % from the truth came out
// inconclusive in 1 of 10 judgements on a 2-core EPYC. Resampling whole rounds — a cluster bootstrap over
// the rounds, the same rounds for both models — keeps the pairing. The seed is fixed, so the same samples
// always give the same interval (and the same verdict).
namespace EdgeSdk.Evaluation;

/// <summary>A cluster-bootstrap interval for the ratio of two percentiles measured in the same interleaved rounds.</summary>
internal static class PairedRatioInterval
{
    /// <summary>The fewest rounds a paired interval is computed from: with fewer, resampling rounds says little.</summary>
    public const int MinimumRounds = 10;

    /// <summary>How many bootstrap resamples are drawn.</summary>
    public const int Resamples = 1000;

    private const int Seed = 20261203;

    /// <summary>
    /// Returns the interval of <c>quantile(before) / quantile(after)</c> at <paramref name="level"/>, or null when
    /// the samples cannot be split into at least <see cref="MinimumRounds"/> common rounds.
    /// </summary>
    /// <param name="before">The timed runs of the numerator's model, in the order they ran.</param>
    /// <param name="after">The timed runs of the denominator's model, in the order they ran.</param>
    /// <param name="rounds">How many interleaved rounds both were timed in (each round gave each model an equal block of runs).</param>
    /// <param name="quantile">The quantile, e.g. 0.5.</param>
    /// <param name="level">The two-sided confidence level, e.g. 0.975.</param>
    public static ConfidenceInterval? Of(IReadOnlyList<double> before, IReadOnlyList<double> after, int rounds, double quantile, double level)
    {
        if (rounds < MinimumRounds || before.Count < rounds || after.Count < rounds)
        {
            return null;
        }

        var b = ByRound(before, rounds);
        var a = ByRound(after, rounds);
        var random = new Random(Seed);
        var ratios = new double[Resamples];
        var numerator = new List<double>(before.Count);
        var denominator = new List<double>(after.Count);
        for (var r = 0; r < Resamples; r++)
        {
            numerator.Clear();
            denominator.Clear();
            for (var k = 0; k < rounds; k++)
            {
                var pick = random.Next(rounds);
                numerator.AddRange(b[pick]);
                denominator.AddRange(a[pick]);
            }

            var low = Quantile(denominator, quantile);
            ratios[r] = low > 0 ? Quantile(numerator, quantile) / low : double.PositiveInfinity;
        }

        Array.Sort(ratios);
        var tail = (1 - level) / 2;
        var lowIndex = (int)Math.Floor(tail * (Resamples - 1));
        var highIndex = (int)Math.Ceiling((1 - tail) * (Resamples - 1));
        return new ConfidenceInterval(ratios[lowIndex], ratios[highIndex]);
    }

    // Sample i of n belongs to round i * rounds / n: exact when each round appended the same block of runs,
    // and proportional when the stored samples were evenly thinned.
    private static double[][] ByRound(IReadOnlyList<double> samples, int rounds)
    {
        var groups = Enumerable.Range(0, rounds).Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < samples.Count; i++)
        {
            groups[(int)((long)i * rounds / samples.Count)].Add(samples[i]);
        }

        return groups.Select(g => g.ToArray()).ToArray();
    }

    private static double Quantile(List<double> values, double quantile)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return LatencyStatistics.Percentile(sorted, quantile * 100);
    }
}
