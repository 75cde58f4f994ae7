// The one definition of every metric's direction (is a larger value better or worse?) and unit (a
// fraction shown as % with changes in points, or a value in the metric's own units). The gate, the
// recipe reader, the reports, `edgesdk diff` and the accuracy-aware passes all read it from here.
using EdgeSdk.Recipes;

namespace EdgeSdk.Evaluation;

/// <summary>Which way a metric improves.</summary>
internal enum MetricDirection
{
    /// <summary>Larger values are better (accuracy, AUC, R², agreement, SQNR).</summary>
    HigherIsBetter,

    /// <summary>Smaller values are better (losses, errors, differences).</summary>
    LowerIsBetter,
}

/// <summary>How a metric's values are written and shown.</summary>
internal enum MetricUnit
{
    /// <summary>A fraction in [0, 1], written in recipes as % (levels) or points (changes) and shown as %.</summary>
    Fraction,

    /// <summary>A value in the metric's own units (errors in the label's units, losses (multiclass LogLoss in nats, binary LogLoss in bits, as ML.NET computes them), R²), never shown as %.</summary>
    Value,

    /// <summary>Decibels (signal-to-quantization-noise ratio).</summary>
    Decibels,
}

/// <summary>One metric's direction and unit.</summary>
/// <param name="Name">Canonical name (ML.NET's, or <c>accuracy</c>).</param>
/// <param name="Direction">Which way it improves.</param>
/// <param name="Unit">How it is written and shown.</param>
/// <param name="NeedsLabels">False for fidelity metrics, which compare with the pipeline's input model instead of labels.</param>
internal sealed record MetricDefinition(string Name, MetricDirection Direction, MetricUnit Unit, bool NeedsLabels = true)
{
    /// <summary>Gets whether larger values are better.</summary>
    public bool HigherIsBetter => Direction == MetricDirection.HigherIsBetter;

    /// <summary>Gets whether the metric is a fraction shown as %.</summary>
    public bool IsFraction => Unit == MetricUnit.Fraction;

    /// <summary>
    /// Returns how much worse <paramref name="after"/> is than <paramref name="before"/>, in the metric's own units (negative when it
    /// improved). Infinite values (a binary LogLoss with a probability of exactly 0 for the true class) are ordinary values in the
    /// metric's direction: equal values, ∞ = ∞ included, are no change (0, not ∞ − ∞ = NaN); finite → a worse ∞ is +∞; ∞ → a better
    /// finite value is −∞. NaN (an undefined metric) in either gives NaN, which no budget may read as met.
    /// </summary>
    public double Worsening(double before, double after) =>
        double.IsNaN(before) || double.IsNaN(after) ? double.NaN
        : before.Equals(after) ? 0
        : HigherIsBetter ? before - after : after - before;

    /// <summary>
    /// Returns the worsening as a fraction of <paramref name="before"/>'s magnitude (negative when it improved; NaN when either is NaN).
    /// From an infinite baseline to a finite value it is ±1 (all of an infinite loss removed is 100 % better); to or from 0 with a
    /// worsening it is +∞.
    /// </summary>
    public double RelativeWorsening(double before, double after)
    {
        var worse = Worsening(before, after);
        if (double.IsNaN(worse) || worse == 0)
        {
            return worse;
        }

        if (double.IsInfinity(before))
        {
            return double.IsInfinity(after) ? Math.Sign(worse) * double.PositiveInfinity : Math.Sign(worse);
        }

        return before != 0 ? worse / Math.Abs(before) : worse > 0 ? double.PositiveInfinity : 0;
    }

    /// <summary>Returns whether <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    public bool IsBetter(double a, double b) => HigherIsBetter ? a > b : a < b;

    /// <summary>Every metric of every task.</summary>
    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new("accuracy", MetricDirection.HigherIsBetter, MetricUnit.Fraction), // also binary Accuracy (names are case-insensitive)
        new("MicroAccuracy", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("MacroAccuracy", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("TopKAccuracy", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("LogLoss", MetricDirection.LowerIsBetter, MetricUnit.Value),
        new("LogLossReduction", MetricDirection.HigherIsBetter, MetricUnit.Value),
        new("AreaUnderRocCurve", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("AreaUnderPrecisionRecallCurve", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("F1Score", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("PositivePrecision", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("PositiveRecall", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("NegativePrecision", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("NegativeRecall", MetricDirection.HigherIsBetter, MetricUnit.Fraction),
        new("MeanAbsoluteError", MetricDirection.LowerIsBetter, MetricUnit.Value),
        new("MeanSquaredError", MetricDirection.LowerIsBetter, MetricUnit.Value),
        new("RootMeanSquaredError", MetricDirection.LowerIsBetter, MetricUnit.Value),
        new("RSquared", MetricDirection.HigherIsBetter, MetricUnit.Value),
        new("Top1Agreement", MetricDirection.HigherIsBetter, MetricUnit.Fraction, NeedsLabels: false),
        new("MeanAbsoluteDifference", MetricDirection.LowerIsBetter, MetricUnit.Value, NeedsLabels: false),
        new("MaxAbsoluteDifference", MetricDirection.LowerIsBetter, MetricUnit.Value, NeedsLabels: false),
        new("Sqnr", MetricDirection.HigherIsBetter, MetricUnit.Decibels, NeedsLabels: false),
    ];

    private static readonly Dictionary<string, MetricDefinition> ByName = All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the definition of <paramref name="metric"/> (case-insensitive), or null for an unknown name.</summary>
    public static MetricDefinition? Find(string metric) => ByName.GetValueOrDefault(metric);

    /// <summary>Returns the definition of <paramref name="metric"/>; an unknown name is treated as a higher-is-better value (never as a fraction).</summary>
    public static MetricDefinition Of(string metric) => Find(metric) ?? new MetricDefinition(metric, MetricDirection.HigherIsBetter, MetricUnit.Value);
}
