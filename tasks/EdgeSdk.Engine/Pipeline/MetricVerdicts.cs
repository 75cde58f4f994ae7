// Judges the budgets on quality metrics (accuracy, errors, AUC, fidelity …) in each metric's own
// direction and units (Evaluation/MetricDefinition): a drop is how much WORSE the final model got, so an
// error that falls passes and an error that rises fails; levels and changes of fractions read as % and
// points, every other metric in its own units. A miss says where the input model already stood.
using EdgeSdk.Evaluation;
using System.Globalization;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>The verdict on one metric budget.</summary>
/// <param name="Actual">The judged value: the worsening (absolute or relative) or the final level.</param>
/// <param name="Unit">The unit of <paramref name="Actual"/> and the limit: <c>fraction</c>, <c>ratio</c>, <c>value</c> or <c>dB</c>.</param>
/// <param name="Passed">Whether the budget is met.</param>
/// <param name="Explanation">What was measured against what, in the metric's units.</param>
/// <param name="Advice">Where the input model stood and what to try.</param>
/// <param name="Undefined">Whether the metric is NaN where the budget reads it, so no verdict exists (EDGE5007); <paramref name="Passed"/> is then false.</param>
internal sealed record MetricVerdict(double Actual, string Unit, bool Passed, string Explanation, string Advice, bool Undefined = false);

/// <summary>Judges metric budgets.</summary>
internal static class MetricVerdicts
{
    private const double Tolerance = 1e-12;

    /// <summary>Judges <paramref name="budget"/> (a metric kind) on the baseline and final values of its metric.</summary>
    public static MetricVerdict Judge(BudgetSpec budget, double before, double after)
    {
        var metric = MetricDefinition.Of(budget.Metric);
        var worse = metric.Worsening(before, after);
        var name = budget.Metric;
        var unit = UnitOf(metric);
        var moved = $"{name} went from {Format(metric, before)} to {Format(metric, after)}";
        var drop = budget.Kind is BudgetKind.AccuracyDropAbsolute or BudgetKind.AccuracyDropRelative;
        if (double.IsNaN(after) || (drop && double.IsNaN(before)))
        {
            var which = double.IsNaN(after) && double.IsNaN(before) ? "the input and the final model" : double.IsNaN(after) ? "the final model" : "the input model";
            return new MetricVerdict(double.NaN, unit, false, $"{name} is undefined (NaN) for {which} ({moved}), so {budget.Text} cannot be judged", "An undefined metric never meets a budget. It comes from NaN outputs or from data the metric is not defined on (for example an area under a curve on a set with one class): check the model's outputs and the evaluation set, or budget a metric that is defined on them.", Undefined: true);
        }

        switch (budget.Kind)
        {
            case BudgetKind.AccuracyDropAbsolute:
            {
                var passed = worse <= budget.Limit + Tolerance;
                return new MetricVerdict(worse, unit, passed, $"{moved}, {Change(metric, worse)}; the recipe allows {ChangeLimit(metric, budget.Limit)} worse ({budget.Text})", Advice(budget, metric, before, after, passed));
            }

            case BudgetKind.AccuracyDropRelative:
            {
                var relative = metric.RelativeWorsening(before, after);
                var passed = relative <= budget.Limit + Tolerance;
                var how = relative == 0 ? "no change" : relative > 0 ? $"{RelativeText(relative)} worse" : $"{RelativeText(-relative)} better";
                return new MetricVerdict(relative, "ratio", passed, $"{moved}, {how} relative to the input model; the recipe allows {BudgetGate.Pct(budget.Limit)} worse ({budget.Text})", Advice(budget, metric, before, after, passed));
            }

            case BudgetKind.AccuracyFloor:
            {
                var passed = after >= budget.Limit - Tolerance;
                return new MetricVerdict(after, unit, passed, $"final {name} {Format(metric, after)} {(passed ? "is at least" : "is below")} the floor {Format(metric, budget.Limit)} ({budget.Text}); the input model had {Format(metric, before)}", Advice(budget, metric, before, after, passed));
            }

            default:
            {
                var passed = after <= budget.Limit + Tolerance;
                return new MetricVerdict(after, unit, passed, $"final {name} {Format(metric, after)} {(passed ? "is at most" : "is above")} the ceiling {Format(metric, budget.Limit)} ({budget.Text}); the input model had {Format(metric, before)}", Advice(budget, metric, before, after, passed));
            }
        }
    }

    // A relative change as a percentage; an infinite one (from a baseline of 0, or to an infinite loss) as ∞.
    private static string RelativeText(double fraction) => double.IsInfinity(fraction) ? "∞%" : BudgetGate.Pct(fraction);

    /// <summary>Returns the unit name budget outcomes use for <paramref name="metric"/>'s values.</summary>
    public static string UnitOf(MetricDefinition metric) => metric.Unit switch
    {
        MetricUnit.Fraction => "fraction",
        MetricUnit.Decibels => "dB",
        _ => "value",
    };

    /// <summary>Formats a level of <paramref name="metric"/>: % for fractions, its own units otherwise (never %).</summary>
    public static string Format(MetricDefinition metric, double value) => MetricText.Format(metric, value);

    /// <summary>Formats a worsening of <paramref name="metric"/> (negative = better): points for fractions, its own units otherwise.</summary>
    public static string Change(MetricDefinition metric, double worse) => MetricText.Change(metric, worse);

    /// <summary>Formats an amount of change of <paramref name="metric"/>: points for fractions, its own units otherwise.</summary>
    public static string ChangeLimit(MetricDefinition metric, double amount) => MetricText.ChangeLimit(metric, amount);

    private static string Advice(BudgetSpec budget, MetricDefinition metric, double before, double after, bool passed)
    {
        if (passed)
        {
            return string.Empty;
        }

        var stood = $"The input model stood at {Format(metric, before)} {budget.Metric}";
        var baselineMisses = budget.Kind switch
        {
            BudgetKind.AccuracyFloor => before < budget.Limit - Tolerance,
            BudgetKind.AccuracyCeiling => before > budget.Limit + Tolerance,
            _ => false,
        };
        if (baselineMisses)
        {
            return $"{stood}, already {(budget.Kind == BudgetKind.AccuracyFloor ? "below the floor" : "above the ceiling")}: the passes are not what misses it. Relax the limit, start from a better model, or bound the worsening with max_absolute_drop instead.";
        }

        return $"{stood}; the passes made it {Change(metric, metric.Worsening(before, after))}. Try calibrating on more samples, excluding sensitive layers from quantization, lowering the pruning sparsity, or adding a finetune pass.";
    }
}
