// report.md: short enough to paste as a pull-request comment. Verdict first; then baseline vs final for
// the figures reviewers decide on; each budget with ✅/❌; each pass's effect on accuracy, latency and size
// against the stage before it; warnings; everything else folded into <details>.
using System.Globalization;
using System.Text;

namespace EdgeSdk.Reports;

/// <summary>Renders a manifest as Markdown.</summary>
internal static class MarkdownReportWriter
{
    // The figures the headline table shows when measured; the rest go under "All figures".
    private static readonly string[] Headline = ["latency_p90", "size", "memory", "macs", "target_latency"];

    /// <summary>Renders the report; <paramref name="machine"/> names where latency was measured.</summary>
    public static string Render(Manifest manifest, IReadOnlyList<string> warnings, string? machine = null)
    {
        var md = new StringBuilder();
        var errors = manifest.Budgets.Count(b => !b.Passed && b.Severity == "error");
        var inconclusive = manifest.Budgets.Count(b => b.Verdict == BudgetOutcome.Inconclusive);
        var verdict = manifest.Budgets.Count == 0 ? "no budgets" : errors == 0 ? $"✅ {manifest.Budgets.Count - inconclusive} of {manifest.Budgets.Count} budgets met" : $"❌ {errors} of {manifest.Budgets.Count} budgets missed";
        verdict += inconclusive > 0 ? $", {inconclusive} inconclusive" : string.Empty;
        md.Append(CultureInfo.InvariantCulture, $"### EdgeSdk · `{manifest.Model}` for `{manifest.Target}` · {verdict}\n\n");

        var measures = Measure.For(manifest.Stages);
        var primary = PrimaryMetric(manifest, measures);
        var shown = measures.Where(m => m.Key == primary?.Key || Headline.Contains(m.Key)).ToList();
        AppendComparison(md, manifest.Baseline, manifest.Final, shown);
        if (TargetFit.For(manifest.Final) is { Count: > 0 } fits)
        {
            md.Append(CultureInfo.InvariantCulture, $"\nOn `{manifest.Target}`: {string.Join(" · ", fits.Select(f => (f.Fits ? "✅ " : "❌ ") + f.Text))}\n");
        }

        if (manifest.Budgets.Count > 0)
        {
            md.Append("\n| | budget | limit | actual |\n|:-:|---|---:|---:|\n");
            foreach (var budget in manifest.Budgets)
            {
                var mark = budget.Verdict == BudgetOutcome.Inconclusive ? "❔" : budget.Passed ? "✅" : budget.Severity == "error" ? "❌" : "⚠️";
                md.Append(CultureInfo.InvariantCulture, $"| {mark} | {Cell(budget.Name)} | {Cell(budget.Text)} | {BudgetText.Actual(budget)} |\n");
            }
        }

        SearchReport.AppendMarkdown(md, manifest);
        AppendPasses(md, manifest, primary);

        if (warnings.Count > 0)
        {
            md.Append("\n**Warnings**\n\n");
            foreach (var w in warnings)
            {
                md.Append("- ⚠️ ").Append(w.ReplaceLineEndings(" ")).Append('\n');
            }
        }

        var rest = measures.Except(shown).ToList();
        if (rest.Count > 0)
        {
            md.Append("\n<details><summary>All figures</summary>\n\n");
            AppendComparison(md, manifest.Baseline, manifest.Final, rest);
            md.Append("\n</details>\n");
        }

        md.Append('\n').Append(Footnote(manifest, machine)).Append('\n');
        return md.ToString();
    }

    /// <summary>Returns the metric a report leads with: the first of the recipe's <c>evaluate.metrics</c> that was measured, else <c>accuracy</c>, else the first metric.</summary>
    public static Measure? PrimaryMetric(Manifest manifest, IReadOnlyList<Measure> measures) =>
        manifest.Metrics.Select(name => measures.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(m => m is not null)
        ?? measures.FirstOrDefault(m => m.Key == "accuracy") ?? measures.FirstOrDefault(m => manifest.Final.Metrics.ContainsKey(m.Key));

    /// <summary>Pairs each enabled pass with the stage it produced (by name, else by order after the baseline).</summary>
    public static IReadOnlyList<(ManifestPass Pass, StageMeasurement? Before, StageMeasurement? After)> PassStages(Manifest manifest)
    {
        var result = new List<(ManifestPass, StageMeasurement?, StageMeasurement?)>();
        var previous = manifest.Baseline;
        var index = 1;
        foreach (var pass in manifest.Passes)
        {
            if (pass.Status == "disabled")
            {
                result.Add((pass, null, null));
                continue;
            }

            var stage = manifest.Stages.Skip(1).FirstOrDefault(s => s.Name == pass.Name)
                ?? (index < manifest.Stages.Count && manifest.Stages.Count == manifest.Passes.Count(p => p.Status != "disabled") + 1 ? manifest.Stages[index] : null);
            result.Add((pass, stage is null ? null : previous, stage));
            previous = stage ?? previous;
            index++;
        }

        return result;
    }

    private static void AppendComparison(StringBuilder md, StageMeasurement baseline, StageMeasurement final, IReadOnlyList<Measure> measures)
    {
        var latency = final.Latency is { } l ? $" (batch {l.Batch}, {l.Threads} thread{(l.Threads == 1 ? "" : "s")})" : "";
        md.Append("| | baseline | final | change |\n|---|---:|---:|---|\n");
        foreach (var m in measures)
        {
            var label = m.Key.StartsWith("latency_", StringComparison.Ordinal) ? m.Label + latency : m.Label;
            var (before, after) = (m.Read(baseline), m.Read(final));
            md.Append(CultureInfo.InvariantCulture, $"| {label} | {m.Format(before)} | {m.Format(after)} | {m.Compare(before, after).Text} |\n");
        }
    }

    private static void AppendPasses(StringBuilder md, Manifest manifest, Measure? primary)
    {
        if (manifest.Passes.Count == 0)
        {
            return;
        }

        var measures = Measure.For(manifest.Stages);
        var latency = measures.FirstOrDefault(m => m.Key == "latency_p90");
        var size = measures.First(m => m.Key == "size");
        md.Append(CultureInfo.InvariantCulture, $"\n| # | pass | {primary?.Label ?? "metric"} | p90 | size | time | what it did |\n|---:|---|---|---|---|---:|---|\n");
        var i = 0;
        foreach (var (pass, before, after) in PassStages(manifest))
        {
            i++;
            string Effect(Measure? m) => m is null || before is null || after is null ? "" : m.Compare(m.Read(before), m.Read(after)).Text;
            var effect = pass.Status == "disabled" ? "disabled" : pass.Summary.Count == 0 ? "no change" : ShortEffect(pass.Summary);
            md.Append(CultureInfo.InvariantCulture, $"| {i} | {Cell(pass.Name)} | {Effect(primary)} | {Effect(latency)} | {Effect(size)} | {pass.Seconds:0.#} s | {Cell(effect)} |\n");
        }

        // The full account of each pass, folded: the table cell only names the first thing a pass did.
        var detailed = manifest.Passes.Select((p, n) => (p, n: n + 1)).Where(x => x.p.Status != "disabled" && ShortEffect(x.p.Summary) != string.Join("; ", x.p.Summary)).ToList();
        if (detailed.Count > 0)
        {
            md.Append("\n<details><summary>What each pass did</summary>\n\n");
            foreach (var (pass, n) in detailed)
            {
                md.Append(CultureInfo.InvariantCulture, $"{n}. **{pass.Name}**\n");
                foreach (var line in pass.Summary.SelectMany(SplitSummary))
                {
                    md.Append("   - ").Append(line.ReplaceLineEndings(" ")).Append('\n');
                }
            }

            md.Append("\n</details>\n");
        }
    }

    /// <summary>The most a "what it did" cell shows, in characters, before the rest is folded.</summary>
    internal const int EffectCellLength = 90;

    /// <summary>Returns the first thing a pass did, cut to <see cref="EffectCellLength"/> at a word, with "(+N more)" when it did more.</summary>
    internal static string ShortEffect(IReadOnlyList<string> summary)
    {
        var parts = summary.SelectMany(SplitSummary).ToList();
        if (parts.Count == 0)
        {
            return "no change";
        }

        var first = parts[0];
        if (first.Length > EffectCellLength)
        {
            var cut = first.LastIndexOf(' ', EffectCellLength - 1);
            first = first[..(cut > EffectCellLength / 2 ? cut : EffectCellLength - 1)].TrimEnd(',', ';', ':') + "…";
        }

        return parts.Count == 1 ? first : $"{first} (+{parts.Count - 1} more)";
    }

    // A summary line may itself join several facts with "; " (quantize's does): one fact per bullet.
    private static IEnumerable<string> SplitSummary(string line) =>
        line.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Footnote(Manifest manifest, string? machine)
    {
        var parts = new List<string>();
        if (manifest.Final.Latency is { } l)
        {
            parts.Add($"Latency: {l.Runs} timed runs after {l.Warmup} warm-up{(machine is null ? "" : " on " + machine)}");
        }

        if (manifest.Final.EstimatedTargetLatencyMs is not null)
        {
            parts.Add($"target latency is a roofline estimate for `{manifest.Target}`, not a measurement");
        }

        if (ExecutionProviderText.Describe(manifest) is { } providers)
        {
            parts.Add(providers);
        }

        parts.Add($"EdgeSdk {manifest.EdgeSdk}");
        return "<sub>" + string.Join(" · ", parts) + "</sub>";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
