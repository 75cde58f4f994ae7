// How a metric's level and change read in messages and reports: % and points for fractions, every other
// metric in its own units (never %); infinite values as ∞ and NaN as undefined (never "NaN points"). Kept
// with the metric definitions so the gate and the reports above them word metrics the same way.
using System.Globalization;

namespace EdgeSdk.Evaluation;

/// <summary>Formats metric values.</summary>
internal static class MetricText
{
    /// <summary>Formats a level of <paramref name="metric"/>: % for fractions, its own units otherwise (never %).</summary>
    public static string Format(MetricDefinition metric, double value) => !double.IsFinite(value) ? NonFinite(value) : metric.Unit switch
    {
        MetricUnit.Fraction => UnitText.Pct(value),
        MetricUnit.Decibels => Number(value) + " dB",
        _ => Number(value),
    };

    /// <summary>Formats a worsening of <paramref name="metric"/> (negative = better): points for fractions, its own units otherwise.</summary>
    public static string Change(MetricDefinition metric, double worse) =>
        double.IsNaN(worse) ? "an undefined change" : worse > 0 ? ChangeLimit(metric, worse) + " worse" : worse < 0 ? ChangeLimit(metric, -worse) + " better" : "no change";

    /// <summary>Formats an amount of change of <paramref name="metric"/>: points for fractions, its own units otherwise.</summary>
    public static string ChangeLimit(MetricDefinition metric, double amount) => !double.IsFinite(amount) ? NonFinite(amount) : metric.Unit switch
    {
        MetricUnit.Fraction => UnitText.Points(amount),
        MetricUnit.Decibels => Number(amount) + " dB",
        _ => Number(amount),
    };

    // An infinite level or change has no unit to show (never "∞ points"); NaN reads as what it means.
    private static string NonFinite(double v) => double.IsNaN(v) ? "undefined (NaN)" : v > 0 ? "∞" : "-∞";

    private static string Number(double v) => Math.Abs(v) >= 100 ? v.ToString("0.##", CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture);
}
