// Judges timing budgets on confidence intervals, never on a single noisy number: an absolute latency
// budget is met only when the whole interval of its percentile lies at or below the limit, missed only when
// the whole interval lies above it; a speedup budget compares the input and the final model timed
// interleaved in the same run, through the interval of their ratio (paired over the rounds both were timed
// in when the samples allow: PairedRatioInterval). Anything else is inconclusive. The
// evaluation step uses the same judgement to decide whether to keep measuring.
using System.Globalization;
using EdgeSdk.Evaluation;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>What the intervals say about a timing budget.</summary>
internal enum TimingDecision
{
    /// <summary>The whole interval meets the limit.</summary>
    Met,

    /// <summary>The whole interval misses the limit.</summary>
    Missed,

    /// <summary>The interval straddles the limit.</summary>
    Inconclusive,
}

/// <summary>The verdict on one timing budget.</summary>
/// <param name="Actual">The measured percentile (ms) or speedup (x).</param>
/// <param name="Interval">Its confidence interval.</param>
/// <param name="Decision">Met, missed or inconclusive.</param>
/// <param name="Explanation">What was measured against what.</param>
internal sealed record TimingVerdict(double Actual, ConfidenceInterval Interval, TimingDecision Decision, string Explanation);

/// <summary>Judges latency and speedup budgets.</summary>
internal static class TimingVerdicts
{
    /// <summary>Judges <paramref name="budget"/> (a timing kind) on the input and final model's latency; <paramref name="sameModel"/> when both are the same file.</summary>
    public static TimingVerdict Judge(BudgetSpec budget, LatencySummary baseline, LatencySummary final, bool sameModel)
    {
        var which = budget.TimedPercentile;
        var protocol = $"batch {final.Batch}, {final.Threads} thread(s), {final.Runs} runs" + (final.Rounds > 0 ? $" interleaved in {final.Rounds} rounds over {final.MeasuredSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : string.Empty);
        if (budget.Kind == BudgetKind.Speedup)
        {
            var (ratio, interval) = Speedup(baseline, final, which, sameModel);
            var decision = interval.Low >= budget.Limit ? TimingDecision.Met : interval.High < budget.Limit ? TimingDecision.Missed : TimingDecision.Inconclusive;
            var text = $"the final model is {Times(ratio)} as fast as the input model at {which} ({BudgetGate.Ms(baseline.Percentile(which))} → {BudgetGate.Ms(final.Percentile(which))}; 95% CI {Times(interval.Low)}–{Times(interval.High)}; {protocol}) against a minimum of {Times(budget.Limit)} ({budget.Text})";
            return new TimingVerdict(ratio, interval, decision, text);
        }

        var value = final.Percentile(which);
        var ci = final.Interval(which) ?? new ConfidenceInterval(value, value);
        var verdict = ci.High <= budget.Limit ? TimingDecision.Met : ci.Low > budget.Limit ? TimingDecision.Missed : TimingDecision.Inconclusive;
        return new TimingVerdict(value, ci, verdict, $"measured {which} latency {BudgetGate.Ms(value)} (97.5% CI {Range(ci)}; {protocol}) against a limit of {BudgetGate.Ms(budget.Limit)} ({budget.Text})");
    }

    /// <summary>Returns the speedup of <paramref name="after"/> over <paramref name="before"/> at percentile <paramref name="which"/> and its 95 % interval.</summary>
    public static (double Ratio, ConfidenceInterval Interval) Speedup(LatencySummary before, LatencySummary after, string which, bool sameModel)
    {
        var (b, a) = (before.Percentile(which), after.Percentile(which));
        var ratio = a > 0 ? b / a : double.PositiveInfinity;
        if (sameModel)
        {
            return (1, new ConfidenceInterval(1, 1));
        }

        // Timed in the same interleaved rounds: the paired interval, which drift common to both cannot widen.
        if (before.Rounds == after.Rounds && before.SamplesMs is { } bs && after.SamplesMs is { } @as
            && PairedRatioInterval.Of(bs, @as, before.Rounds, Quantile(which), ConfidenceInterval.PercentileLevel) is { } paired)
        {
            return (ratio, paired);
        }

        var interval = before.Interval(which) is { } bi && after.Interval(which) is { } ai ? ConfidenceInterval.Ratio(bi, ai) : new ConfidenceInterval(ratio, ratio);
        return (ratio, interval);
    }

    /// <summary>Returns whether every timing budget in <paramref name="budgets"/> is decided by <paramref name="baseline"/> and <paramref name="final"/>.</summary>
    public static bool AllDecided(IEnumerable<BudgetSpec> budgets, LatencySummary baseline, LatencySummary final, bool sameModel) =>
        budgets.Where(b => b.IsTiming).All(b => Judge(b, baseline, final, sameModel).Decision != TimingDecision.Inconclusive);

    /// <summary>Formats a ratio, e.g. <c>1.52x</c>.</summary>
    public static string Times(double ratio) => double.IsPositiveInfinity(ratio) ? "∞" : ratio.ToString("0.##", CultureInfo.InvariantCulture) + "x";

    private static double Quantile(string which) => which switch
    {
        "p50" => 0.50,
        "p90" => 0.90,
        _ => 0.99,
    };

    private static string Range(ConfidenceInterval ci) => $"{BudgetGate.Ms(ci.Low)}–{(double.IsPositiveInfinity(ci.High) ? "unbounded (too few runs)" : BudgetGate.Ms(ci.High))}";
}
