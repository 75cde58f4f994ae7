// Budgets are constraints, the objective is the choice: judges every trial's final model against every
// budget (the recipe's and the target's RAM/storage), ranks the trials (feasible first by objective,
// then the others by how far they miss), picks the best feasible one and explains why, or, when none
// is feasible, names the closest trials and the budget each missed.
using EdgeSdk.Targets;
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>One trial judged against the budgets.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Feasible">Whether every error budget is met.</param>
/// <param name="Objective">The objective's value, or null when not measured.</param>
/// <param name="Missed">The error budgets missed, with their explanations.</param>
/// <param name="Violation">How far the missed budgets are missed (sum of relative misses; 0 when feasible).</param>
internal sealed record JudgedTrial(TrialResult Trial, bool Feasible, double? Objective, IReadOnlyList<BudgetOutcome> Missed, double Violation);

/// <summary>The outcome of a selection.</summary>
/// <param name="Ranked">Every trial, best first.</param>
/// <param name="Chosen">The best feasible trial, or the closest one when none is feasible (null only without any measured trial).</param>
/// <param name="Feasible">Whether <paramref name="Chosen"/> meets every budget.</param>
/// <param name="Reason">Why <paramref name="Chosen"/> was picked, in one sentence.</param>
internal sealed record SearchSelection(IReadOnlyList<JudgedTrial> Ranked, JudgedTrial? Chosen, bool Feasible, string Reason);

/// <summary>Judges and selects trials.</summary>
internal static class TrialSelector
{
    /// <summary>Judges every trial against the budgets and the target and picks one.</summary>
    public static SearchSelection Select(IReadOnlyList<TrialResult> trials, StageMeasurement baseline, IReadOnlyList<BudgetSpec> budgets, TargetProfile target, SearchObjective objective)
    {
        var judged = trials.Select(t => Judge(t, baseline, budgets, target, objective)).ToList();
        var ranked = Rank(judged, objective);
        var feasible = ranked.Where(j => j.Feasible).ToList();
        if (feasible.Count > 0)
        {
            var best = feasible[0];
            var runnerUp = feasible.Count > 1 ? $"; next best {feasible[1].Trial.Id} at {Format(objective, feasible[1].Objective)}" : string.Empty;
            var reason = $"{Describe(objective)} ({Format(objective, best.Objective)}) among the {feasible.Count} of {trials.Count} trial(s) meeting every budget{runnerUp}";
            return new SearchSelection(ranked, best, true, reason);
        }

        var closest = ranked.FirstOrDefault(j => j.Trial.Measurement is not null);
        var why = closest is null
            ? $"no trial produced a model ({trials.Count} failed)"
            : $"no trial meets every budget; {closest.Trial.Id} is the closest (misses {string.Join(", ", closest.Missed.Select(m => m.Name))})";
        return new SearchSelection(ranked, closest, false, why);
    }

    /// <summary>Orders judged trials: measured before failed, feasible before infeasible, then by objective (feasible) or violation (infeasible), then by proposal order.</summary>
    public static IReadOnlyList<JudgedTrial> Rank(IEnumerable<JudgedTrial> judged, SearchObjective objective) => judged
        .OrderBy(j => j.Trial.Measurement is null ? 1 : 0)
        .ThenBy(j => j.Feasible ? 0 : 1)
        .ThenBy(j => j.Feasible ? 0 : j.Violation)
        .ThenBy(j => j.Objective is { } v ? objective.Loss(v) : double.PositiveInfinity)
        .ThenBy(j => j.Trial.Order)
        .ToList();

    /// <summary>Judges one trial.</summary>
    public static JudgedTrial Judge(TrialResult trial, StageMeasurement baseline, IReadOnlyList<BudgetSpec> budgets, TargetProfile target, SearchObjective objective)
    {
        if (trial.Measurement is not { } final)
        {
            return new JudgedTrial(trial, false, null, [], double.PositiveInfinity);
        }

        var (outcomes, _) = BudgetGate.Judge(budgets, baseline, final, "report.md");
        var (fit, _) = BudgetGate.JudgeTargetFit(target, null, final);
        var missed = outcomes.Concat(fit).Where(o => !o.Passed && o.Severity == "error").ToList();
        var violation = missed.Sum(Miss);
        return new JudgedTrial(trial, missed.Count == 0, objective.Value(final), missed, violation);
    }

    /// <summary>The error diagnostic when no trial meets every budget: the closest trials and what each missed.</summary>
    public static EdgeDiagnostic NoFeasibleTrial(SearchSelection selection, SourceLocation? location, int show = 3)
    {
        var lines = selection.Ranked.Where(j => j.Trial.Measurement is not null).Take(show)
            .Select(j => $"{j.Trial.Id} ({string.Join(", ", j.Trial.Parameters.Select(p => p.Key + "=" + p.Value))}) misses {string.Join("; ", j.Missed.Select(m => $"'{m.Name}': {m.Explanation}"))}")
            .ToList();
        var failed = selection.Ranked.Count(j => j.Trial.Measurement is null);
        var message = lines.Count == 0
            ? $"Search: none of the {selection.Ranked.Count} trial(s) produced a model (first error: {selection.Ranked.FirstOrDefault()?.Trial.Error}). Widen the search space or fix the passes' options."
            : $"Search: none of the {selection.Ranked.Count} trial(s) meets every budget{(failed > 0 ? $" ({failed} failed)" : string.Empty)}. Closest: {string.Join(" | ", lines)}. Widen the search space, add trials, or relax the budgets.";
        return EdgeDiagnostic.Error(DiagnosticCatalog.Search.NoTrialMeetsBudgets, message, location);
    }

    /// <summary>A budget's relative miss (1 when it could not be judged).</summary>
    private static double Miss(BudgetOutcome o) => o.Actual is not { } actual ? 1 : Math.Abs(actual - o.Limit) / Math.Max(Math.Abs(o.Limit), 1e-12);

    private static string Describe(SearchObjective objective) => objective.Quantity switch
    {
        ObjectiveQuantity.LatencyP50 => objective.Maximize ? "highest p50 latency" : "lowest p50 latency",
        ObjectiveQuantity.LatencyP90 => objective.Maximize ? "highest p90 latency" : "lowest p90 latency",
        ObjectiveQuantity.Size => objective.Maximize ? "largest model" : "smallest model",
        ObjectiveQuantity.PeakMemory => objective.Maximize ? "highest peak memory" : "lowest peak memory",
        ObjectiveQuantity.Macs => objective.Maximize ? "most MACs" : "fewest MACs",
        _ => (objective.Maximize ? "highest " : "lowest ") + objective.MetricName,
    };

    /// <summary>Formats an objective value in its unit.</summary>
    public static string Format(SearchObjective objective, double? value) => value is not { } v ? "not measured" : objective.Quantity switch
    {
        ObjectiveQuantity.LatencyP50 or ObjectiveQuantity.LatencyP90 => v.ToString("0.###", CultureInfo.InvariantCulture) + " ms",
        ObjectiveQuantity.Size or ObjectiveQuantity.PeakMemory => (v / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        ObjectiveQuantity.Macs => v.ToString("N0", CultureInfo.InvariantCulture) + " MACs",
        _ => v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
