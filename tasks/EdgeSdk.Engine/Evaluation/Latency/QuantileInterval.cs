// Distribution-free confidence intervals for a quantile from order statistics: the number of runs faster
// than the true p-quantile is Binomial(n, p) whatever the latency distribution, so the sorted runs at ranks
// l and u bracket it with probability P(l ≤ B < u). No normality is assumed (latencies are skewed and
// heavy-tailed on a shared machine); when the runs are too few to bound a side, that side is infinite.
using MathNet.Numerics.Distributions;

namespace EdgeSdk.Evaluation;

/// <summary>Order-statistic confidence intervals for quantiles.</summary>
internal static class QuantileInterval
{
    /// <summary>Returns the two-sided interval of the <paramref name="p"/>-quantile of the distribution <paramref name="sorted"/> was drawn from, at <paramref name="level"/> confidence.</summary>
    /// <param name="sorted">The runs, ascending.</param>
    /// <param name="p">The quantile, in (0, 1).</param>
    /// <param name="level">The confidence level, e.g. 0.975.</param>
    public static ConfidenceInterval Of(IReadOnlyList<double> sorted, double p, double level)
    {
        var n = sorted.Count;
        if (n == 0)
        {
            return new ConfidenceInterval(0, double.PositiveInfinity);
        }

        var tail = (1 - level) / 2;
        double Cdf(int k) => k < 0 ? 0 : k >= n ? 1 : Binomial.CDF(p, n, k);

        // Lower rank l (1-based): the largest with P(B ≤ l − 1) ≤ tail; none means the lower side is unbounded (0 for times).
        var center = (int)Math.Floor(n * p);
        var l = Math.Clamp(center, 0, n);
        while (l > 0 && Cdf(l - 1) > tail)
        {
            l--;
        }

        while (l < n && Cdf(l) <= tail)
        {
            l++;
        }

        // Upper rank u (1-based): the smallest with P(B ≤ u − 1) ≥ 1 − tail; beyond n means the upper side is unbounded.
        var u = Math.Clamp(center + 1, 1, n + 1);
        while (u <= n && Cdf(u - 1) < 1 - tail)
        {
            u++;
        }

        while (u > 1 && Cdf(u - 2) >= 1 - tail)
        {
            u--;
        }

        return new ConfidenceInterval(l >= 1 ? sorted[l - 1] : 0, u <= n ? sorted[u - 1] : double.PositiveInfinity);
    }
}
