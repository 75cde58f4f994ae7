// report.md: a short report meant to be pasted as a pull-request comment — verdict first, then baseline
// vs final, each pass's effect, each budget with pass/fail, and warnings.
using System.Globalization;
using System.Text;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Reports;

/// <summary>Renders a manifest as Markdown.</summary>
internal static class MarkdownReportWriter
{
    /// <summary>Renders the report.</summary>
    public static string Render(Manifest manifest, IReadOnlyList<string> warnings)
    {
        var md = new StringBuilder();
        var verdict = manifest.Passed ? "✅ all budgets met" : "❌ budget missed";
        md.Append(CultureInfo.InvariantCulture, $"## EdgeSdk: `{manifest.Model}` on `{manifest.Target}` — {verdict}\n\n");

        var b = manifest.Baseline;
        var f = manifest.Final;
        md.Append("| | baseline | final | change |\n|---|---:|---:|---:|\n");
        foreach (var metric in b.Metrics.Keys.Union(f.Metrics.Keys).Order(StringComparer.Ordinal))
        {
            double? x = b.Metrics.TryGetValue(metric, out var bv) ? bv : null;
            double? y = f.Metrics.TryGetValue(metric, out var fv) ? fv : null;
            md.Append(CultureInfo.InvariantCulture, $"| {metric} | {Num(x)} | {Num(y)} | {Delta(x, y, "0.####")} |\n");
        }

        if (b.Latency is not null && f.Latency is not null)
        {
            Row(md, $"latency p50 (batch {f.Latency.Batch})", b.Latency.P50Ms, f.Latency.P50Ms, BudgetGate.Ms);
            Row(md, $"latency p90 (batch {f.Latency.Batch})", b.Latency.P90Ms, f.Latency.P90Ms, BudgetGate.Ms);
            Row(md, $"latency p99 (batch {f.Latency.Batch})", b.Latency.P99Ms, f.Latency.P99Ms, BudgetGate.Ms);
        }

        Row(md, "size", b.Bytes, f.Bytes, v => BudgetGate.Size((long)v));
        Row(md, "parameters", b.Parameters, f.Parameters, v => v.ToString("N0", CultureInfo.InvariantCulture));
        if (b.Macs is { } bm && f.Macs is { } fm)
        {
            Row(md, "MACs / sample", bm, fm, v => v.ToString("N0", CultureInfo.InvariantCulture));
        }

        if (b.PeakMemoryBytes is { } bp && f.PeakMemoryBytes is { } fp)
        {
            Row(md, "peak memory", bp, fp, v => BudgetGate.Size((long)v));
        }

        if (manifest.Budgets.Count > 0)
        {
            md.Append("\n**Budgets**\n\n| budget | limit | actual | |\n|---|---:|---:|:-:|\n");
            foreach (var budget in manifest.Budgets)
            {
                var mark = budget.Passed ? "✅" : budget.Severity == "error" ? "❌" : "⚠️";
                md.Append(CultureInfo.InvariantCulture, $"| {budget.Name} | {budget.Text} | {FormatActual(budget)} | {mark} |\n");
            }
        }

        if (manifest.Passes.Count > 0)
        {
            md.Append("\n**Passes**\n\n| # | pass | status | time | effect |\n|---:|---|---|---:|---|\n");
            var i = 0;
            foreach (var pass in manifest.Passes)
            {
                i++;
                var effect = pass.Summary.Count == 0 ? "no change" : string.Join("; ", pass.Summary);
                md.Append(CultureInfo.InvariantCulture, $"| {i} | {pass.Name} | {pass.Status} | {pass.Seconds:0.##} s | {effect} |\n");
            }
        }

        if (warnings.Count > 0)
        {
            md.Append("\n**Warnings**\n\n");
            foreach (var w in warnings)
            {
                md.Append("- ").Append(w).Append('\n');
            }
        }

        if (f.EstimatedTargetLatencyMs is { } est)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n_Estimated latency on `{manifest.Target}`: {BudgetGate.Ms(est)} (roofline estimate, not a measurement)._\n");
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string label, double before, double after, Func<double, string> format) =>
        md.Append(CultureInfo.InvariantCulture, $"| {label} | {format(before)} | {format(after)} | {Ratio(before, after)} |\n");

    private static string Ratio(double before, double after) => before <= 0 || after <= 0 ? "" : after < before
        ? $"▼ {(before / after).ToString("0.##", CultureInfo.InvariantCulture)}x smaller"
        : after > before ? $"▲ {(after / before).ToString("0.##", CultureInfo.InvariantCulture)}x larger" : "=";

    private static string Num(double? v) => v is null ? "—" : v.Value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Delta(double? x, double? y, string format) => x is null || y is null ? "" : (y.Value - x.Value) switch
    {
        > 0 and var d => "+" + d.ToString(format, CultureInfo.InvariantCulture),
        < 0 and var d => d.ToString(format, CultureInfo.InvariantCulture),
        _ => "=",
    };

    private static string FormatActual(BudgetOutcome b) => b.Actual is not { } a ? "not measured" : b.Unit switch
    {
        "fraction" when b.Kind == "AccuracyFloor" => BudgetGate.Pct(a),
        "fraction" when b.Kind == "AccuracyDropRelative" => BudgetGate.Pct(a) + " drop",
        "fraction" => BudgetGate.Points(a) + " drop",
        "ms" => BudgetGate.Ms(a),
        "bytes" => BudgetGate.Size((long)a),
        _ => a.ToString("N0", CultureInfo.InvariantCulture),
    };
}
