// Compares two runs for review (`edgesdk diff BASE HEAD`): the final stage of each model in BASE against
// the same model in HEAD, figure by figure with the direction of each change, budget verdicts that
// flipped, passes added or removed, and the --fail-on thresholds a change exceeded.
using System.Globalization;
using System.Text;

namespace EdgeSdk.Reports;

/// <summary>One compared figure.</summary>
/// <param name="Measure">The figure.</param>
/// <param name="Base">Value in BASE.</param>
/// <param name="Head">Value in HEAD.</param>
/// <param name="Change">The change.</param>
/// <param name="Exceeded">The threshold the change exceeded, or null.</param>
internal sealed record DiffRow(Measure Measure, double? Base, double? Head, Change Change, RegressionThreshold? Exceeded);

/// <summary>The comparison of one model.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Base">BASE manifest (null when the model is new).</param>
/// <param name="Head">HEAD manifest (null when the model was removed).</param>
/// <param name="Rows">Compared figures.</param>
internal sealed record ModelDiff(string Model, Manifest? Base, Manifest? Head, IReadOnlyList<DiffRow> Rows)
{
    /// <summary>Gets the rows whose change exceeded a threshold.</summary>
    public IEnumerable<DiffRow> Regressions => Rows.Where(r => r.Exceeded is not null);
}

/// <summary>Compares manifests.</summary>
internal static class ManifestDiff
{
    /// <summary>Compares every model of <paramref name="baseRuns"/> with the same model of <paramref name="headRuns"/>.</summary>
    public static IReadOnlyList<ModelDiff> Compare(IReadOnlyList<Manifest> baseRuns, IReadOnlyList<Manifest> headRuns, IReadOnlyList<RegressionThreshold> thresholds)
    {
        var models = baseRuns.Select(m => m.Model).Union(headRuns.Select(m => m.Model)).Order(StringComparer.Ordinal).ToList();
        var single = baseRuns.Count == 1 && headRuns.Count == 1;
        var result = new List<ModelDiff>();
        foreach (var model in models)
        {
            // Two single manifests are compared even when the model was renamed.
            var b = single ? baseRuns[0] : baseRuns.FirstOrDefault(m => m.Model == model);
            var h = single ? headRuns[0] : headRuns.FirstOrDefault(m => m.Model == model);
            result.Add(CompareOne(single ? h!.Model : model, b, h, thresholds));
            if (single)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Renders the comparison as Markdown for a pull-request comment.</summary>
    public static string ToMarkdown(IReadOnlyList<ModelDiff> diffs, IReadOnlyList<RegressionThreshold> thresholds)
    {
        var md = new StringBuilder();
        var regressions = diffs.Sum(d => d.Regressions.Count());
        var verdict = thresholds.Count == 0 ? "" : regressions == 0 ? " · ✅ no regression beyond --fail-on" : $" · ❌ {regressions} regression{(regressions == 1 ? "" : "s")} beyond --fail-on";
        md.Append(CultureInfo.InvariantCulture, $"### EdgeSdk diff{verdict}\n");
        foreach (var d in diffs)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n#### `{d.Model}`");
            if (d.Base is null || d.Head is null)
            {
                md.Append(d.Base is null ? " — new in HEAD\n" : " — removed in HEAD\n");
                continue;
            }

            md.Append(d.Base.Target == d.Head.Target ? $" for `{d.Head.Target}`\n\n" : $" for `{d.Base.Target}` → `{d.Head.Target}`\n\n");
            md.Append("| | base | head | change |\n|---|---:|---:|---|\n");
            foreach (var r in d.Rows)
            {
                var flag = r.Exceeded is { } t ? $" ❌ exceeds {t.Text}" : "";
                md.Append(CultureInfo.InvariantCulture, $"| {r.Measure.Label} | {r.Measure.Format(r.Base)} | {r.Measure.Format(r.Head)} | {r.Change.Text}{flag} |\n");
            }

            AppendBudgetChanges(md, d.Base, d.Head);
            AppendPassChanges(md, d.Base, d.Head);
        }

        return md.ToString();
    }

    private static ModelDiff CompareOne(string model, Manifest? b, Manifest? h, IReadOnlyList<RegressionThreshold> thresholds)
    {
        if (b is null || h is null)
        {
            return new ModelDiff(model, b, h, []);
        }

        var measures = Measure.For([b.Final, h.Final]);
        var judged = thresholds.Select(t => (Threshold: t, Measure: t.Resolve(measures))).ToList();
        var rows = measures.Select(m =>
        {
            var (before, after) = (m.Read(b.Final), m.Read(h.Final));
            var exceeded = before is { } x && after is { } y ? judged.FirstOrDefault(j => j.Measure == m && j.Threshold.IsExceededBy(m, x, y)).Threshold : null;
            return new DiffRow(m, before, after, m.Compare(before, after), exceeded);
        }).ToList();
        return new ModelDiff(model, b, h, rows);
    }

    private static void AppendBudgetChanges(StringBuilder md, Manifest b, Manifest h)
    {
        var lines = new List<string>();
        foreach (var budget in h.Budgets)
        {
            var old = b.Budgets.FirstOrDefault(x => x.Name == budget.Name);
            var now = budget.Passed ? "✅" : "❌";
            if (old is null)
            {
                lines.Add($"- {now} `{budget.Name}` {budget.Text} (new budget)");
            }
            else if (old.Passed != budget.Passed || old.Text != budget.Text)
            {
                lines.Add($"- `{budget.Name}`: {(old.Passed ? "✅" : "❌")} {old.Text} → {now} {budget.Text}");
            }
        }

        lines.AddRange(b.Budgets.Where(x => h.Budgets.All(y => y.Name != x.Name)).Select(x => $"- `{x.Name}` removed"));
        if (lines.Count > 0)
        {
            md.Append("\n**Budgets changed**\n\n").AppendJoin('\n', lines).Append('\n');
        }
    }

    private static void AppendPassChanges(StringBuilder md, Manifest b, Manifest h)
    {
        var before = b.Passes.Where(p => p.Status != "disabled").Select(p => p.Name).ToList();
        var after = h.Passes.Where(p => p.Status != "disabled").Select(p => p.Name).ToList();
        if (before.SequenceEqual(after))
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"\n**Passes:** {(before.Count == 0 ? "none" : string.Join(" → ", before))} ⟶ {(after.Count == 0 ? "none" : string.Join(" → ", after))}\n");
    }
}
