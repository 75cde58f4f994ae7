// Warns (EDGE3007) when the stages ran without an execution provider the target profile asks for, because
// the host's ONNX Runtime does not offer it. Derived from the evaluation record in the gate, which runs on
// every build, so a no-op build repeats the warning instead of going silent; one warning per provider,
// naming the stages and the provider they ran on instead, at the recipe's target line.
using EdgeSdk.Diagnostics;
using EdgeSdk.Reports;
using EdgeSdk.Targets;

namespace EdgeSdk.Pipeline;

/// <summary>Finds requested execution providers the stages ran without.</summary>
internal static class ProviderFallbackWarnings
{
    /// <summary>Returns one EDGE3007 warning per provider of <paramref name="target"/> that some stage ran without.</summary>
    /// <param name="stages">The stages as measured, baseline first.</param>
    /// <param name="target">The recipe's target profile.</param>
    /// <param name="targetLocation">Where the recipe names the target, or null.</param>
    public static IReadOnlyList<EdgeDiagnostic> Find(IReadOnlyList<StageMeasurement> stages, TargetProfile target, SourceLocation? targetLocation)
    {
        var missing = stages
            .SelectMany(s => (s.ProviderFallbacks ?? []).Select(f => (Stage: s, Fallback: f)))
            .GroupBy(x => x.Fallback.Provider, StringComparer.OrdinalIgnoreCase);
        var warnings = new List<EdgeDiagnostic>();
        foreach (var group in missing)
        {
            var ranOn = group.Select(x => string.Join(", ", x.Stage.ExecutionProviders ?? [ExecutionProviderNames.Cpu])).Distinct(StringComparer.Ordinal);
            var which = group.Count() == stages.Count ? "every stage" : "stage(s) " + string.Join(", ", group.Select(x => x.Stage.Name));
            var message = $"The target '{target.Name}' asks for {group.Key} ({ExecutionProviderNames.ToShortName(group.Key)}), but {group.First().Fallback.Reason}: "
                + $"{which} ran on {string.Join(" / ", ranOn)} instead, so measured latency is not the provider's. "
                + "manifest.json (stages[].executionProviders) and the reports record the provider of each stage.";
            warnings.Add(DiagnosticCatalog.Runtime.ExecutionProviderUnavailable.Create(message, targetLocation));
        }

        return warnings;
    }
}
