// How a budget's measured value is printed, shared by report.md and report.html so both say the same
// thing in the same units as the recipe's limit: fractions as % and points, other metrics in their own
// units (never %), worsenings as "worse" and improvements as "better".
using EdgeSdk.Evaluation;
using System.Globalization;
using EdgeSdk.Recipes;

namespace EdgeSdk.Reports;

/// <summary>Formats budget values.</summary>
internal static class BudgetText
{
    /// <summary>Returns the measured value of <paramref name="b"/> in the unit of its limit, e.g. <c>0.25 points worse</c>.</summary>
    public static string Actual(BudgetOutcome b)
    {
        if (b.Actual is not { } a)
        {
            return b.Verdict != BudgetOutcome.Inconclusive ? "not measured" : b.Unit is "ms" or "x" ? "inconclusive" : "undefined (NaN), inconclusive";
        }

        var metric = MetricDefinition.Of(b.Metric);
        var text = (b.Kind, b.Unit) switch
        {
            (nameof(BudgetKind.AccuracyFloor) or nameof(BudgetKind.AccuracyCeiling), _) => MetricText.Format(metric, a),
            (nameof(BudgetKind.AccuracyDropRelative), _) => a == 0 ? "no change" : (double.IsInfinity(a) ? "∞%" : UnitText.Pct(Math.Abs(a))) + (a > 0 ? " worse" : " better"),
            (nameof(BudgetKind.AccuracyDropAbsolute), _) => MetricText.Change(metric, a),
            (nameof(BudgetKind.Speedup), _) => a.ToString("0.##", CultureInfo.InvariantCulture) + "x",
            (_, "ms") => UnitText.Ms(a),
            (_, "bytes") => UnitText.Size((long)a),
            _ => a.ToString("0.####", CultureInfo.InvariantCulture),
        };
        return b.Interval is { } ci && b.Unit is "ms" or "x"
            ? $"{text} ({Bound(b, ci.Low)}–{Bound(b, ci.High)})" + (b.Verdict == BudgetOutcome.Inconclusive ? ", inconclusive" : string.Empty)
            : text;
    }

    private static string Bound(BudgetOutcome b, double? v) => v is not { } x ? "?" : b.Unit == "x" ? x.ToString("0.##", CultureInfo.InvariantCulture) : UnitText.Ms(x).Replace(" ms", string.Empty, StringComparison.Ordinal);
}
