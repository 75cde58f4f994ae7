// The search's part of report.md and report.html: a one-line summary (what was chosen and why, how many
// trials, how long), the best trials as a table, and in HTML two Pareto plots of every trial (metric
// against p50 latency and against size) with the chosen trial marked.
using EdgeSdk.Evaluation;
using System.Globalization;
using System.Net;
using System.Text;
using EdgeSdk.Reports.Charts;

namespace EdgeSdk.Reports;

/// <summary>Renders a manifest's search.</summary>
internal static class SearchReport
{
    /// <summary>Trials shown in report.md.</summary>
    public const int TopTrials = 5;

    /// <summary>Gets the one-line summary.</summary>
    public static string Summary(ManifestSearch search)
    {
        var chosen = search.ChosenTrial;
        var what = chosen is null ? "no trial produced a model" : $"chosen `{chosen.Id}` ({Parameters(chosen)}): {search.Reason}";
        var ran = search.Reselected ? "re-selected among stored trials, nothing re-run" : $"{search.TrialsRun} run ({search.StepsRun} pass step(s)) in {search.WallSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, the rest from the cache";
        return $"{(search.Feasible ? "✅" : "❌")} Search ({search.Objective}): {what} · {search.Trials.Count} of {search.SpaceSize} point(s) tried ({search.Strategy}, seed {search.Seed}); {ran}";
    }

    /// <summary>Gets the metric the plots and tables show: the objective's metric, else the first accuracy budget's, else the first measured.</summary>
    public static string? Metric(Manifest manifest, ManifestSearch search)
    {
        var measured = search.Trials.SelectMany(t => t.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();
        var objective = search.Objective.Split(' ', 2)[^1];
        foreach (var candidate in new[] { objective }.Concat(manifest.Budgets.Where(b => b.Kind.StartsWith("Accuracy", StringComparison.Ordinal)).Select(b => b.Metric)))
        {
            if (Find(measured, candidate) is { } hit)
            {
                return hit;
            }
        }

        return measured.FirstOrDefault();
    }

    /// <summary>Appends the Markdown section.</summary>
    public static void AppendMarkdown(StringBuilder md, Manifest manifest)
    {
        if (manifest.Search is not { } search)
        {
            return;
        }

        var metric = Metric(manifest, search);
        md.Append('\n').Append(Summary(search)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"| rank | trial | options | {metric ?? "metric"} | p50 | size | verdict |\n|---:|---|---|---:|---:|---:|---|\n");
        foreach (var t in search.Trials.OrderBy(t => t.Rank).Take(TopTrials))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {t.Rank} | `{t.Id}` | {Parameters(t)} | {MetricText(t, metric)} | {Ms(t.LatencyP50Ms)} | {Kb(t.Bytes)} | {Verdict(t)} |\n");
        }
    }

    /// <summary>Appends the HTML section.</summary>
    public static void AppendHtml(StringBuilder html, Manifest manifest)
    {
        if (manifest.Search is not { } search)
        {
            return;
        }

        var metric = Metric(manifest, search);
        html.Append("<h2>Search</h2>\n<p>").Append(E(Summary(search).Replace("`", string.Empty, StringComparison.Ordinal))).Append("</p>\n<div class=\"charts\">\n");
        var measured = search.Trials.Where(t => t.Status != "failed").ToList();
        if (metric is not null)
        {
            var fraction = EdgeSdk.Evaluation.MetricNames.IsFraction(metric);
            Plot(html, measured, metric, $"{metric} vs p50 latency, every trial", "latency p50 (ms)", t => t.LatencyP50Ms, v => UnitText.Ms(v), fraction);
            Plot(html, measured, metric, $"{metric} vs model size, every trial", "size (KB)", t => t.Bytes / 1024.0, v => v.ToString("0.#", CultureInfo.InvariantCulture) + " KB", fraction);
        }

        html.Append("</div>\n<table><tr><th class=\"num\">rank</th><th>trial</th><th>options</th>")
            .Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(metric ?? "metric")}</th><th class=\"num\">p50</th><th class=\"num\">size</th><th class=\"num\">peak memory</th><th>verdict</th></tr>\n");
        foreach (var t in search.Trials.OrderBy(t => t.Rank))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{t.Rank}</td><td>{E(t.Id)}</td><td>{E(Parameters(t))}</td><td class=\"num\">{E(MetricText(t, metric))}</td><td class=\"num\">{E(Ms(t.LatencyP50Ms))}</td><td class=\"num\">{E(Kb(t.Bytes))}</td><td class=\"num\">{E(Kb(t.PeakMemoryBytes))}</td><td>{E(Verdict(t))}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Plot(StringBuilder html, IReadOnlyList<ManifestTrial> trials, string metric, string caption, string xTitle, Func<ManifestTrial, double?> cost, Func<double, string> format, bool fraction)
    {
        var points = trials.Where(t => cost(t) is not null && t.Metrics.ContainsKey(metric))
            .Select(t => new TrialPoint(t.Id, cost(t)!.Value, t.Metrics[metric], t.Status is "chosen" or "feasible", t.Status == "chosen", $"{t.Id} ({Parameters(t)}): {metric} {MetricText(t, metric)} at {format(cost(t)!.Value)} — {Verdict(t)}"))
            .ToList();
        if (points.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(caption)} (filled: meets every budget; hollow: misses one; dashed: Pareto front)</figcaption>{ParetoChart.Render(points, caption, xTitle, metric, fraction ? (0, 1) : null)}</figure>\n");
    }

    private static string? Find(IReadOnlyList<string> measured, string name) =>
        measured.FirstOrDefault(m => m.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? (name.Equals("accuracy", StringComparison.OrdinalIgnoreCase) ? measured.FirstOrDefault(m => m is "MicroAccuracy" or "Accuracy") : null);

    private static string Parameters(ManifestTrial t) => string.Join(", ", t.Parameters.Select(p => p.Key + "=" + p.Value));

    private static string Verdict(ManifestTrial t) => t.Status switch
    {
        "chosen" => "chosen",
        "feasible" => "meets every budget",
        "failed" => "failed: " + (t.Error is { Length: > 120 } e ? e[..120] + "…" : t.Error),
        _ => "misses " + string.Join(", ", t.Missed),
    };

    private static string MetricText(ManifestTrial t, string? metric) => metric is not null && t.Metrics.TryGetValue(metric, out var v)
        ? (EdgeSdk.Evaluation.MetricNames.IsFraction(metric) ? (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : v.ToString("0.####", CultureInfo.InvariantCulture))
        : "–";

    private static string Ms(double? v) => v is { } x ? UnitText.Ms(x) : "–";

    private static string Kb(long? v) => v is { } x ? UnitText.Size(x) : "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
