// report.html: one self-contained page (inline CSS and SVG, no script, no external request; a Content
// Security Policy forbids any) with the verdict, headline figures, budgets, charts (accuracy vs latency
// for every stage, size per stage, latency distribution), every stage's figures, the passes, per-layer
// diagnostics and warnings. Deterministic: the same manifest gives the same bytes.
using System.Globalization;
using System.Net;
using System.Text;
using EdgeSdk.Reports.Charts;

namespace EdgeSdk.Reports;

/// <summary>Renders a manifest as a self-contained HTML page.</summary>
internal static class HtmlReportWriter
{
    /// <summary>Renders the page; <paramref name="machine"/> names where latency was measured.</summary>
    public static string Render(Manifest manifest, IReadOnlyList<string> warnings, string? machine = null)
    {
        var measures = Measure.For(manifest.Stages);
        var primary = MarkdownReportWriter.PrimaryMetric(manifest, measures);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>EdgeSdk report: {E(manifest.Model)}</title><style>{HtmlReportStyle.Css}</style></head><body>\n");

        AppendHeader(html, manifest);
        AppendCards(html, manifest, measures, primary);
        AppendBudgets(html, manifest);
        AppendCharts(html, manifest, primary);
        SearchReport.AppendHtml(html, manifest);
        AppendStages(html, manifest, measures);
        AppendPasses(html, manifest, primary);
        AppendLayers(html, manifest);
        AppendWarnings(html, warnings);
        html.Append("<footer>");
        if (manifest.Final.Latency is { } l)
        {
            html.Append(CultureInfo.InvariantCulture, $"Host latency: {l.Runs} timed runs after {l.Warmup} warm-up, batch {l.Batch}, {l.Threads} intra-op thread(s){(machine is null ? "" : ", on " + E(machine))}. ");
        }

        if (ExecutionProviderText.Describe(manifest) is { } providers)
        {
            html.Append(E(providers)).Append(". ");
        }

        html.Append(CultureInfo.InvariantCulture, $"Target figures are {E(Evaluation.TargetEstimate.Label)}. EdgeSdk {E(manifest.EdgeSdk)}.</footer>\n</body></html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, Manifest manifest)
    {
        var errors = manifest.Budgets.Count(b => !b.Passed && b.Severity == "error");
        var (css, text) = manifest.Budgets.Count == 0 ? ("none", "no budgets") : errors == 0 ? ("pass", $"✓ all {manifest.Budgets.Count} budgets met") : ("fail", $"✗ {errors} of {manifest.Budgets.Count} budgets missed");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(manifest.Model)} <span class=\"verdict {css}\">{E(text)}</span></h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">Target <code>{E(manifest.Target)}</code> · {manifest.Stages.Count} stage(s) · {manifest.Passes.Count} pass(es)</p>\n");
    }

    private static void AppendCards(StringBuilder html, Manifest manifest, IReadOnlyList<Measure> measures, Measure? primary)
    {
        html.Append("<div class=\"cards\">");
        foreach (var m in measures.Where(m => m == primary || m.Key is "latency_p90" or "size" or "memory" or "macs" or "target_latency"))
        {
            var (before, after) = (m.Read(manifest.Baseline), m.Read(manifest.Final));
            var change = m.Compare(before, after);
            var label = m.Key == "target_latency" ? "target latency (estimate)" : m.Label;
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><div class=\"label\">{E(label)}</div><div class=\"value\">{E(m.Format(after))}</div><div class=\"from\">from {E(m.Format(before))} <span class=\"{Css(change)}\">{E(change.Text)}</span></div></div>");
        }

        html.Append("</div>\n");
        if (TargetFit.For(manifest.Final) is { Count: > 0 } fits)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>On <code>{E(manifest.Target)}</code>: ");
            html.AppendJoin(" · ", fits.Select(f => $"<span class=\"pill {(f.Fits ? "pass" : "fail")}\">{(f.Fits ? "fits" : "too big")}</span> {E(f.Text)}"));
            html.Append("</p>\n");
        }
    }

    private static void AppendBudgets(StringBuilder html, Manifest manifest)
    {
        if (manifest.Budgets.Count == 0)
        {
            return;
        }

        html.Append("<h2>Budgets</h2><div class=\"scroll\"><table><tr><th></th><th>budget</th><th class=\"num\">limit</th><th class=\"num\">actual</th><th>why</th></tr>\n");
        foreach (var b in manifest.Budgets)
        {
            var mark = b.Verdict == BudgetOutcome.Inconclusive ? "<span class=\"pill warn\">inconclusive</span>" : b.Passed ? "<span class=\"pill pass\">pass</span>" : b.Severity == "error" ? "<span class=\"pill fail\">fail</span>" : "<span class=\"pill warn\">warn</span>";
            var location = b.Location is { } loc ? $" <span class=\"muted\">({E(Path.GetFileName(loc.File))}:{loc.Line})</span>" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{mark}</td><td>{E(b.Name)}{location}</td><td class=\"num\">{E(b.Text)}</td><td class=\"num\">{E(BudgetText.Actual(b))}</td><td>{E(b.Explanation)}</td></tr>\n");
        }

        html.Append("</table></div>\n");
    }

    private static void AppendCharts(StringBuilder html, Manifest manifest, Measure? primary)
    {
        html.Append("<h2>Charts</h2><div class=\"charts\">\n");
        if (primary is not null && manifest.Stages.Any(s => s.Latency is not null))
        {
            var points = manifest.Stages.Where(s => s.Latency is not null && primary.Read(s) is not null)
                .Select(s => new ChartPoint(s.Name, s.Latency!.P90Ms, primary.Read(s)!.Value)).ToList();
            Figure(html, $"{primary.Label} vs latency p90, every stage", ScatterChart.Render(points, $"{primary.Label} against p90 latency for each stage", "latency p90 (ms)", primary.Label, v => UnitText.Ms(v), v => primary.Format(v), primary.Unit == MeasureUnit.Fraction ? (0, 1) : null));
        }

        var sizes = manifest.Stages.Select(s => (s.Name, s.Bytes / 1024.0)).ToList();
        Figure(html, "Model size per stage", BarChart.Render(sizes, "Model size per stage in KB", "size (KB)", v => UnitText.Size((long)(v * 1024)), firstIsBaseline: true));

        foreach (var (stage, caption) in new[] { (manifest.Baseline, "baseline"), (manifest.Final, "final") }.DistinctBy(s => s.Item1))
        {
            if (stage.Latency is { SamplesMs.Count: > 0 } l)
            {
                Figure(html, $"Latency distribution, {caption} ({l.Runs} runs, batch {l.Batch})", HistogramChart.Render(l.SamplesMs!, [("p50", l.P50Ms), ("p90", l.P90Ms), ("p99", l.P99Ms)], $"Distribution of {l.Runs} timed runs of the {caption} model", "latency (ms)"));
            }
        }

        if (manifest.Final.Layers is { Count: > 0 } layers && layers.Any(x => x.Macs > 0))
        {
            var top = layers.Where(x => x.Macs > 0).OrderByDescending(x => x.Macs).Take(12).Select(x => (x.Name, x.Macs / 1e6)).ToList();
            Figure(html, "Heaviest layers of the final model (MMACs)", BarChart.Render(top, "Multiply-accumulates per layer, final model", "MMACs", v => v.ToString("0.###", CultureInfo.InvariantCulture) + " M"));
        }

        html.Append("</div>\n");
    }

    private static void AppendStages(StringBuilder html, Manifest manifest, IReadOnlyList<Measure> measures)
    {
        html.Append("<h2>Stages</h2><div class=\"scroll\"><table><tr><th>figure</th>");
        foreach (var s in manifest.Stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(s.Name)}</th>");
        }

        html.Append("<th>final vs baseline</th></tr>\n");
        foreach (var m in measures)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td{(m.Key == "target_latency" ? " class=\"estimate\"" : "")}>{E(m.Label)}</td>");
            foreach (var s in manifest.Stages)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{E(m.Format(m.Read(s)))}</td>");
            }

            var change = m.Compare(m.Read(manifest.Baseline), m.Read(manifest.Final));
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"{Css(change)}\">{E(change.Text)}</td></tr>\n");
        }

        html.Append("</table></div>\n");
    }

    private static void AppendPasses(StringBuilder html, Manifest manifest, Measure? primary)
    {
        if (manifest.Passes.Count == 0)
        {
            return;
        }

        var measures = Measure.For(manifest.Stages);
        var latency = measures.FirstOrDefault(m => m.Key == "latency_p90");
        var size = measures.First(m => m.Key == "size");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Passes</h2><div class=\"scroll\"><table><tr><th>#</th><th>pass</th><th>status</th><th class=\"num\">time</th><th>{E(primary?.Label ?? "metric")}</th><th>p90</th><th>size</th><th>what it did</th></tr>\n");
        var i = 0;
        foreach (var (pass, before, after) in MarkdownReportWriter.PassStages(manifest))
        {
            i++;
            string Effect(Measure? m)
            {
                if (m is null || before is null || after is null)
                {
                    return "<td></td>";
                }

                var c = m.Compare(m.Read(before), m.Read(after));
                return $"<td class=\"{Css(c)}\">{E(c.Text)}</td>";
            }

            var figures = pass.Figures.Count == 0 ? "" : "<br><span class=\"muted\">" + E(string.Join(", ", pass.Figures.Select(f => $"{f.Key} {f.Value.ToString("0.####", CultureInfo.InvariantCulture)}"))) + "</span>";
            var summary = pass.Summary.Count == 0 ? E(pass.Status == "disabled" ? "disabled" : "no change") : WhatItDid(pass.Summary);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i}</td><td>{E(pass.Name)} <span class=\"muted\">({E(pass.Kind)})</span></td><td>{E(pass.Status)}</td><td class=\"num\">{pass.Seconds.ToString("0.#", CultureInfo.InvariantCulture)} s</td>{Effect(primary)}{Effect(latency)}{Effect(size)}<td>{summary}{figures}</td></tr>\n");
        }

        html.Append("</table></div>\n");
    }

    /// <summary>How many layers a per-layer table shows before the rest is folded.</summary>
    internal const int LayerRowsShown = 15;

    private static void AppendLayers(StringBuilder html, Manifest manifest)
    {
        var stages = manifest.Stages.Where(s => s.Layers is { Count: > 0 }).ToList();
        if (stages.Count == 0)
        {
            return;
        }

        html.Append("<h2>Per-layer diagnostics</h2>\n");
        foreach (var stage in stages.OrderByDescending(s => ReferenceEquals(s, manifest.Final)))
        {
            var open = ReferenceEquals(stage, manifest.Final) ? " open" : "";
            var layers = stage.Layers!;
            var totalMacs = Math.Max(1, layers.Sum(l => l.Macs));
            var hasEstimate = layers.Any(l => l.EstimatedMs is not null);

            // Heaviest first (estimated target time, else MACs, else output bytes); # is the position in the graph.
            var ranked = layers.Select((l, i) => (Layer: l, Index: i + 1))
                .OrderByDescending(x => x.Layer.EstimatedMs ?? 0).ThenByDescending(x => x.Layer.Macs).ThenByDescending(x => x.Layer.OutputBytes).ThenBy(x => x.Index)
                .ToList();
            var sortedBy = hasEstimate ? "estimated target time" : "MACs";
            html.Append(CultureInfo.InvariantCulture, $"<details{open}><summary>{E(stage.Name)}: {layers.Count} layers, {E(Measure.For([stage]).FirstOrDefault(m => m.Key == "macs")?.Format(stage.Macs) ?? "?")} MACs / sample</summary>");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Heaviest first (by {sortedBy}); # is the layer's position in the graph.</p>");
            AppendLayerTable(html, ranked.Take(LayerRowsShown), totalMacs, hasEstimate);
            if (ranked.Count > LayerRowsShown)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details class=\"more\"><summary>{ranked.Count - LayerRowsShown} more layer(s)</summary>");
                AppendLayerTable(html, ranked.Skip(LayerRowsShown), totalMacs, hasEstimate);
                html.Append("</details>");
            }

            html.Append("</details>\n");
        }
    }

    private static void AppendLayerTable(StringBuilder html, IEnumerable<(LayerDiagnostic Layer, int Index)> rows, long totalMacs, bool hasEstimate)
    {
        html.Append("<div class=\"scroll\"><table><tr><th class=\"num\">#</th><th>layer</th><th>op</th><th>precision</th><th>output</th><th class=\"num\">MACs</th><th>share</th><th class=\"num\">weights</th><th class=\"num\">output bytes</th>");
        html.Append(hasEstimate ? "<th class=\"num estimate\">target ms (estimate)</th><th>bound</th>" : "").Append("</tr>\n");
        foreach (var (l, index) in rows)
        {
            var share = 100.0 * l.Macs / totalMacs;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"rank\">{index}</td><td><code>{E(l.Name)}</code></td><td>{E(l.OpType)}</td><td>{E(l.Precision)}</td><td><code>{E(l.OutputShape)}</code></td><td class=\"num\">{l.Macs.ToString("N0", CultureInfo.InvariantCulture)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"share\" style=\"width:{Math.Round(share)}px\"></span>{share.ToString("0.#", CultureInfo.InvariantCulture)}%</td><td class=\"num\">{E(UnitText.Size(l.WeightBytes))}</td><td class=\"num\">{E(UnitText.Size(l.OutputBytes))}</td>");
            if (hasEstimate)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num estimate\">{(l.EstimatedMs is { } ms ? ms.ToString("0.####", CultureInfo.InvariantCulture) : "")}</td><td>{E(l.Bound ?? "")}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table></div>");
    }

    // The "what it did" cell: the first thing the pass did (as in report.md), the full account folded under it.
    private static string WhatItDid(IReadOnlyList<string> summary)
    {
        var full = summary.SelectMany(line => line.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var shortText = MarkdownReportWriter.ShortEffect(summary);
        if (full.Count <= 1 && !shortText.EndsWith('…'))
        {
            return E(shortText);
        }

        return E(shortText) + "<details><summary>details</summary><ul>" + string.Concat(full.Select(f => "<li>" + E(f) + "</li>")) + "</ul></details>";
    }

    private static void AppendWarnings(StringBuilder html, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0)
        {
            return;
        }

        html.Append("<h2>Warnings</h2><ul>");
        foreach (var w in warnings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"warn\">{E(w)}</li>");
        }

        html.Append("</ul>\n");
    }

    private static void Figure(StringBuilder html, string caption, string svg) =>
        html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(caption)}</figcaption>{svg}</figure>\n");

    private static string Css(Change change) => change.Direction switch
    {
        ChangeDirection.Better => "better",
        ChangeDirection.Worse => "worse",
        _ => "same",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
