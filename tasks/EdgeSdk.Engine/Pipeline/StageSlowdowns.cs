// Warns when a pass made the model slower on this host beyond the measurement's noise: the stages were
// timed interleaved, so the 95% interval of the ratio of a stage's median latency to its input's is
// meaningful; when its lower bound is above 1 the slowdown is real, whatever the reports' 5 % noise band
// says. The warning names the pass, the factor and the host's CPU and ISA (int8 kernels, for one, are only
// faster on CPUs with the right instructions), at the pass's line in the recipe.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>Finds stages slower than their input.</summary>
internal static class StageSlowdowns
{
    /// <summary>Returns one warning per stage whose median latency is above its input's beyond noise.</summary>
    /// <param name="stages">The stages, baseline first, as measured.</param>
    /// <param name="passLocations">Where each step's pass is written in the recipe, by stage index (1-based, as stages).</param>
    /// <param name="machine">The host the stages were timed on (CPU model and ISA flags).</param>
    public static IReadOnlyList<EdgeDiagnostic> Find(IReadOnlyList<StageMeasurement> stages, IReadOnlyList<SourceLocation?> passLocations, string? machine)
    {
        var warnings = new List<EdgeDiagnostic>();
        for (var i = 1; i < stages.Count; i++)
        {
            var (before, after) = (stages[i - 1], stages[i]);
            if (before.Latency is not { P50Ci: not null } b || after.Latency is not { P50Ci: not null } a || before.Sha256 == after.Sha256)
            {
                continue;
            }

            // Speedup of the stage over its input: below 1 means slower.
            var (speedup, interval) = TimingVerdicts.Speedup(b, a, "p50", sameModel: false);
            if (interval.High >= 1)
            {
                continue;
            }

            var factor = 1 / speedup;
            var message = $"Pass '{after.Name}' made the model slower on this host: {TimingVerdicts.Times(speedup)} the speed of its input ({Factor(factor)} the p50 latency, "
                + $"{BudgetGate.Ms(b.P50Ms)} → {BudgetGate.Ms(a.P50Ms)}; 95% CI of the speed {TimingVerdicts.Times(interval.Low)}–{TimingVerdicts.Times(interval.High)}, timed interleaved at batch {a.Batch}, {a.Threads} thread(s)) "
                + $"on {machine ?? "an unknown CPU"}. Whether the pass pays off depends on the CPU (int8 kernels need VNNI or dot-product instructions to beat float): measure on the target, change the pass's options, or drop it.";
            warnings.Add(DiagnosticCatalog.Evaluation.StageSlower.Create(message, i - 1 < passLocations.Count ? passLocations[i - 1] : null) with { Severity = DiagnosticSeverity.Warning });
        }

        return warnings;
    }

    private static string Factor(double f) => f.ToString("0.##", CultureInfo.InvariantCulture) + "x";
}
