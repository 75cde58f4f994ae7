// A two-sided confidence interval of a measured figure (a latency percentile, a speedup). A bound the data
// cannot give yet (too few runs for an upper bound of p99, say) is infinite, so a budget can never be
// judged on it.
namespace EdgeSdk.Evaluation;

/// <summary>A confidence interval; <see cref="High"/> is <see cref="double.PositiveInfinity"/> when the runs cannot bound it yet.</summary>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
internal sealed record ConfidenceInterval(double Low, double High)
{
    /// <summary>The confidence level of each latency percentile's interval (97.5 %), so that the ratio of two (a speedup) holds at 95 %.</summary>
    public const double PercentileLevel = 0.975;

    /// <summary>The confidence level of a ratio of two percentiles (<see cref="Ratio"/>): 95 %.</summary>
    public const double RatioLevel = 0.95;

    /// <summary>Gets whether the whole interval lies at or below <paramref name="limit"/>.</summary>
    public bool IsAtMost(double limit) => High <= limit;

    /// <summary>Gets whether the whole interval lies above <paramref name="limit"/>.</summary>
    public bool IsAbove(double limit) => Low > limit;

    /// <summary>Returns the interval of the ratio <c>numerator / denominator</c> of two positive figures, each with its interval (Bonferroni: when each holds at 97.5 %, the ratio's holds at 95 %).</summary>
    public static ConfidenceInterval Ratio(ConfidenceInterval numerator, ConfidenceInterval denominator) => new(
        double.IsPositiveInfinity(denominator.High) || denominator.High <= 0 ? 0 : numerator.Low / denominator.High,
        denominator.Low <= 0 ? double.PositiveInfinity : numerator.High / denominator.Low);
}
