// One comparable figure of a stage (a metric, a latency percentile, the size …): how to read it from a
// StageMeasurement, how to print it, and which direction is better. report.md, report.html and
// `edgesdk diff` all list stages through these, so the three agree on names, units and arrows.
using EdgeSdk.Evaluation;
using System.Globalization;
using EdgeSdk.Recipes;

namespace EdgeSdk.Reports;

/// <summary>How a figure is printed and compared.</summary>
internal enum MeasureUnit
{
    /// <summary>A fraction in [0, 1] shown as a percentage; changes in percentage points.</summary>
    Fraction,

    /// <summary>A plain number; changes in absolute value and percent.</summary>
    Number,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Bytes, shown as KB/MB.</summary>
    Bytes,

    /// <summary>A count (parameters, MACs), shown compactly (k, M, G).</summary>
    Count,
}

/// <summary>A figure of a stage.</summary>
/// <param name="Key">Stable key used by <c>--fail-on</c> (e.g. <c>accuracy</c>, <c>latency_p90</c>, <c>size</c>).</param>
/// <param name="Label">Human label.</param>
/// <param name="Unit">Unit.</param>
/// <param name="HigherIsBetter">Whether an increase is an improvement.</param>
/// <param name="Read">Reads the value from a stage (null when not measured).</param>
internal sealed record Measure(string Key, string Label, MeasureUnit Unit, bool HigherIsBetter, Func<StageMeasurement, double?> Read)
{
    /// <summary>Returns the figures two sets of stages can be compared on: every metric, then latency, size, memory and work.</summary>
    public static IReadOnlyList<Measure> For(IEnumerable<StageMeasurement> stages)
    {
        var list = stages.ToList();
        var metrics = list.SelectMany(s => s.Metrics.Keys).Distinct().OrderBy(MetricOrder).ThenBy(m => m, StringComparer.Ordinal);
        var measures = metrics.Select(m => new Measure(
            m,
            m,
            MetricNames.IsFraction(m) ? MeasureUnit.Fraction : MeasureUnit.Number,
            !MetricNames.IsLowerBetter(m),
            s => s.Metrics.TryGetValue(m, out var v) ? v : null)).ToList();
        measures.AddRange(
        [
            new("latency_p50", "latency p50", MeasureUnit.Milliseconds, false, s => s.Latency?.P50Ms),
            new("latency_p90", "latency p90", MeasureUnit.Milliseconds, false, s => s.Latency?.P90Ms),
            new("latency_p99", "latency p99", MeasureUnit.Milliseconds, false, s => s.Latency?.P99Ms),
            new("throughput", "throughput (samples/s)", MeasureUnit.Number, true, s => s.Latency?.ThroughputPerSecond),
            new("size", "size", MeasureUnit.Bytes, false, s => s.Bytes > 0 ? s.Bytes : null),
            new("size_deflate", "size, deflated", MeasureUnit.Bytes, false, s => s.DeflateBytes),
            new("params", "parameters", MeasureUnit.Count, false, s => s.Parameters > 0 ? s.Parameters : null),
            new("macs", "MACs / sample", MeasureUnit.Count, false, s => s.Macs),
            new("memory", "peak memory", MeasureUnit.Bytes, false, s => s.PeakMemoryBytes),
            new("target_latency", "target latency (estimate)", MeasureUnit.Milliseconds, false, s => s.EstimatedTargetLatencyMs),
        ]);
        return measures.Where(m => list.Any(s => m.Read(s) is not null)).ToList();
    }

    /// <summary>The relative change below which two timings are reported as equal within noise.</summary>
    public const double TimingNoise = 0.05;

    /// <summary>Gets whether the figure is a measured timing (latency or throughput), which is noisy.</summary>
    public bool IsTiming => Key.StartsWith("latency_", StringComparison.Ordinal) || Key == "throughput";

    /// <summary>Formats a value of this figure.</summary>
    public string Format(double? value) => value is not { } v ? "—" : double.IsNaN(v) ? "undefined (NaN)" : double.IsInfinity(v) ? (v > 0 ? "∞" : "-∞") : Unit switch
    {
        MeasureUnit.Fraction => UnitText.Pct(v),
        MeasureUnit.Milliseconds => UnitText.Ms(v),
        MeasureUnit.Bytes => UnitText.Size((long)v),
        MeasureUnit.Count => Compact(v),
        _ => Math.Abs(v) >= 100 ? v.ToString("0.#", CultureInfo.InvariantCulture) : v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>Returns how the change from <paramref name="before"/> to <paramref name="after"/> reads: arrow, amount and better/worse.</summary>
    public Change Compare(double? before, double? after)
    {
        if (before is not { } b || after is not { } a)
        {
            return new Change(ChangeDirection.Unknown, 0, 0, before is null && after is null ? "" : "n/a");
        }

        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return new Change(ChangeDirection.Unknown, 0, 0, "undefined");
        }

        if (a.Equals(b))
        {
            return new Change(ChangeDirection.Same, 0, 0, "="); // ∞ = ∞ included (∞ − ∞ would be NaN)
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            var up = a > b;
            return new Change(up == HigherIsBetter ? ChangeDirection.Better : ChangeDirection.Worse, a - b, up ? double.PositiveInfinity : double.NegativeInfinity, $"{(up ? "▲" : "▼")} ∞ {(up == HigherIsBetter ? "better" : "worse")}");
        }

        var absolute = a - b;
        var relative = b != 0 ? absolute / Math.Abs(b) : (a == 0 ? 0 : double.PositiveInfinity);
        if (Unit == MeasureUnit.Fraction ? Math.Abs(absolute) < 5e-5 : Math.Abs(relative) < 0.005)
        {
            return new Change(ChangeDirection.Same, absolute, relative, "=");
        }

        // Timings move by a few percent between identical runs on a shared machine: say so rather than rank them.
        if (IsTiming && Math.Abs(relative) < TimingNoise)
        {
            return new Change(ChangeDirection.Same, absolute, relative, $"≈ {Signed(relative * 100, "0.#")}% (noise)");
        }

        var better = (absolute > 0) == HigherIsBetter;
        var arrow = absolute > 0 ? "▲" : "▼";
        var amount = Unit switch
        {
            MeasureUnit.Fraction => Signed(absolute * 100, "0.##") + " pt",
            MeasureUnit.Number when Key != "throughput" => Signed(absolute, Math.Abs(absolute) >= 100 ? "0.#" : "0.####"), // a metric's own units, never %
            MeasureUnit.Milliseconds or MeasureUnit.Bytes or MeasureUnit.Count when b > 0 && a > 0 && (a / b >= 1.5 || b / a >= 1.5) =>
                Signed(relative * 100, "0") + "% (" + Math.Max(a / b, b / a).ToString("0.#", CultureInfo.InvariantCulture) + "× " + RatioWord(a > b) + ")",
            _ when double.IsFinite(relative) => Signed(relative * 100, Math.Abs(relative) < 0.1 ? "0.#" : "0") + "%",
            _ => Signed(absolute, "0.####"),
        };
        return new Change(better ? ChangeDirection.Better : ChangeDirection.Worse, absolute, relative, $"{arrow} {amount} {(better ? "better" : "worse")}");
    }

    private string RatioWord(bool increased) => (Unit, increased) switch
    {
        (MeasureUnit.Milliseconds, true) => "slower",
        (MeasureUnit.Milliseconds, false) => "faster",
        (MeasureUnit.Bytes, true) => "larger",
        (MeasureUnit.Bytes, false) => "smaller",
        (_, true) => "more",
        _ => "fewer",
    };

    private static string Signed(double value, string format) => (value > 0 ? "+" : "−") + Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);

    private static string Compact(double v) => Math.Abs(v) switch
    {
        >= 1e9 => (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
        >= 1e4 => (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " k",
        _ => v.ToString("0", CultureInfo.InvariantCulture),
    };

    // accuracy first, then the task's own metrics, then fidelity.
    private static int MetricOrder(string metric) => metric == "accuracy" ? 0 : MetricNames.Fidelity.Contains(metric) ? 2 : 1;
}

/// <summary>Whether a change is an improvement.</summary>
internal enum ChangeDirection
{
    /// <summary>One side is missing.</summary>
    Unknown,

    /// <summary>No meaningful change.</summary>
    Same,

    /// <summary>An improvement.</summary>
    Better,

    /// <summary>A regression.</summary>
    Worse,
}

/// <summary>A change between two values of a figure.</summary>
/// <param name="Direction">Better, worse, same or unknown.</param>
/// <param name="Absolute">After minus before.</param>
/// <param name="Relative">Absolute over |before|.</param>
/// <param name="Text">How the report prints it, e.g. <c>▼ −38% better</c>.</param>
internal sealed record Change(ChangeDirection Direction, double Absolute, double Relative, string Text);
