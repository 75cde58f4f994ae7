// How a budget's measured value is printed, shared by report.md and report.html so both say the same
// thing in the same units as the recipe's limit.
using System.Globalization;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Reports;

/// <summary>Formats budget values.</summary>
internal static class BudgetText
{
    /// <summary>Returns the measured value of <paramref name="b"/> in the unit of its limit, e.g. <c>0.25 points drop</c>.</summary>
    public static string Actual(BudgetOutcome b) => b.Actual is not { } a ? "not measured" : b.Unit switch
    {
        "fraction" when b.Kind == "AccuracyFloor" => BudgetGate.Pct(a),
        "fraction" when b.Kind == "AccuracyDropRelative" => BudgetGate.Pct(a) + " drop",
        "fraction" => BudgetGate.Points(a) + " drop",
        "ms" => BudgetGate.Ms(a),
        "bytes" => BudgetGate.Size((long)a),
        _ => a.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
