// Puts a step record's host-dependent warnings (Passes/IHostDependentWarnings, e.g. EDGE2120 on a CPU without
// VNNI) right for the machine at hand. A record may come from another machine (the step cache shares outputs
// under a key without the host; a CI cache may restore obj/), so its stored host warnings, and the summary
// lines that carry them into the report, are dropped and recomputed from the current host's profile whenever a
// record is written, restored or shown again. Host warnings always sit last in both lists, so a refreshed
// record reads exactly like one computed on this host; refreshing is idempotent.
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;

namespace EdgeSdk.Pipeline;

/// <summary>Recomputes the host-dependent warnings of step records.</summary>
internal static class StepHostWarnings
{
    /// <summary>Returns <paramref name="record"/> (of <paramref name="step"/> in <paramref name="recipe"/>) with the host-dependent warnings of <paramref name="host"/>.</summary>
    public static StepRecord ForHost(StepRecord record, Recipe recipe, StepPlan step, TargetProfile host)
    {
        if (PassCatalog.Find(step.Kind) is not IHostDependentWarnings pass)
        {
            return record;
        }

        var spec = recipe.Passes[step.RecipeIndex];
        var stale = record.Diagnostics.Where(d => pass.HostWarningCodes.Contains(d.Code)).ToList();
        var staleLines = stale.Select(d => IHostDependentWarnings.SummaryLine(d.ToWarning())).ToHashSet(StringComparer.Ordinal);
        var fresh = pass.HostWarnings(spec.Options, recipe.Target, host);
        return record with
        {
            Summary = [.. record.Summary.Where(l => !staleLines.Contains(l)), .. fresh.Select(IHostDependentWarnings.SummaryLine)],
            Diagnostics = [.. record.Diagnostics.Where(d => !pass.HostWarningCodes.Contains(d.Code)), .. fresh.Select(StepDiagnostic.From)],
        };
    }
}
