// The `--fail-on` thresholds of `edgesdk diff`: "accuracy=0.5pt,latency_p90=10%,size=5%". Each names a
// figure (a metric or latency_p50/p90/p99, size, size_deflate, params, macs, memory, target_latency,
// throughput) and how far it may get worse: points (fractions), percent (relative), or an absolute
// amount in ms, bytes (B/KB/MB/GB, SI) or the figure's own unit.
using System.Globalization;
using System.Text.RegularExpressions;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;

namespace EdgeSdk.Reports;

/// <summary>How a threshold's amount is measured.</summary>
internal enum ThresholdKind
{
    /// <summary>Percentage points of a fraction metric (0.5pt = 0.005).</summary>
    Points,

    /// <summary>Percent of the base value.</summary>
    Percent,

    /// <summary>An absolute amount in the figure's unit (ms, bytes, count, metric value).</summary>
    Absolute,
}

/// <summary>One <c>--fail-on</c> threshold.</summary>
/// <param name="Key">Figure key (see <see cref="Measure.Key"/>).</param>
/// <param name="Kind">How <paramref name="Amount"/> is measured.</param>
/// <param name="Amount">Allowed worsening (points as a fraction, percent as a fraction, or absolute).</param>
/// <param name="Text">The threshold as written.</param>
internal sealed partial record RegressionThreshold(string Key, ThresholdKind Kind, double Amount, string Text)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latency"] = "latency_p90", ["p50"] = "latency_p50", ["p90"] = "latency_p90", ["p99"] = "latency_p99",
        ["bytes"] = "size", ["model_size"] = "size", ["parameters"] = "params", ["peak_memory"] = "memory", ["ram"] = "memory",
    };

    /// <summary>Parses a comma-separated list of <c>figure=amount</c>.</summary>
    public static IReadOnlyList<RegressionThreshold> ParseList(string spec)
    {
        var result = new List<RegressionThreshold>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Pattern().Match(part);
            if (!match.Success)
            {
                throw Invalid(part, "write figure=amount, e.g. accuracy=0.5pt, latency_p90=10%, size=5% or size=20KB");
            }

            var key = match.Groups["key"].Value;
            key = Aliases.GetValueOrDefault(key, key);
            var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var (kind, value) = unit switch
            {
                "pt" or "pts" or "points" => (ThresholdKind.Points, amount / 100),
                "%" => (ThresholdKind.Percent, amount / 100),
                "" or "ms" or "b" => (ThresholdKind.Absolute, amount),
                "kb" => (ThresholdKind.Absolute, amount * 1e3),
                "mb" => (ThresholdKind.Absolute, amount * 1e6),
                "gb" => (ThresholdKind.Absolute, amount * 1e9),
                "s" => (ThresholdKind.Absolute, amount * 1e3),
                _ => throw Invalid(part, $"'{unit}' is not a unit; use pt, %, ms, s, B, KB, MB or GB"),
            };
            result.Add(new RegressionThreshold(key, kind, value, part));
        }

        return result;
    }

    /// <summary>Returns the figure this threshold judges among <paramref name="measures"/>, or throws naming the known ones.</summary>
    public Measure Resolve(IReadOnlyList<Measure> measures)
    {
        var measure = measures.FirstOrDefault(m => string.Equals(m.Key, Key, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(Text, $"'{Key}' is not measured in these manifests; use one of: {string.Join(", ", measures.Select(m => m.Key))}");
        if (Kind == ThresholdKind.Points && measure.Unit != MeasureUnit.Fraction)
        {
            throw Invalid(Text, $"points (pt) apply to fraction metrics such as accuracy; give '{Key}' in % or as an absolute amount");
        }

        return measure;
    }

    /// <summary>Returns how far the change went beyond this threshold in the worse direction (positive = regression).</summary>
    public bool IsExceededBy(Measure measure, double before, double after)
    {
        // A figure that became undefined (NaN) is a regression, never a silent pass; equal values (∞ = ∞ included) are no change.
        if (double.IsNaN(before) || double.IsNaN(after))
        {
            return !double.IsNaN(before);
        }

        if (before.Equals(after))
        {
            return false;
        }

        var worsening = measure.HigherIsBetter ? before - after : after - before;
        if (worsening <= 0)
        {
            return false;
        }

        return Kind switch
        {
            ThresholdKind.Percent => before != 0 ? worsening / Math.Abs(before) > Amount + 1e-12 : worsening > 0,
            _ => worsening > Amount + 1e-12,
        };
    }

    private static EdgeException Invalid(string part, string why) =>
        new(DiagnosticCatalog.Evaluation.InvalidThreshold, $"--fail-on '{part}': {why}.");

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<amount>[0-9]+(\.[0-9]+)?)\s*(?<unit>[A-Za-z%]*)$")]
    private static partial Regex Pattern();
}
