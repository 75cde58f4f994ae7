// One line for report.md and report.html saying which ONNX Runtime execution provider ran each stage, and
// which of the target's providers the host lacked (EDGE3007), so a CPU fallback shows in the report too.
namespace EdgeSdk.Reports;

/// <summary>Describes the execution providers of a manifest's stages.</summary>
internal static class ExecutionProviderText
{
    /// <summary>Returns e.g. <c>Execution provider: CPUExecutionProvider (every stage); the target's XnnpackExecutionProvider is not available on this host (…)</c>, or null for manifests that do not record providers.</summary>
    public static string? Describe(Manifest manifest)
    {
        var recorded = manifest.Stages.Where(s => s.ExecutionProviders is { Count: > 0 }).ToList();
        if (recorded.Count == 0)
        {
            return null;
        }

        static string Chain(StageMeasurement s) => string.Join(" → ", s.ExecutionProviders!);
        var chains = recorded.Select(Chain).Distinct(StringComparer.Ordinal).ToList();
        var text = chains.Count == 1 && recorded.Count == manifest.Stages.Count
            ? $"Execution provider: {chains[0]} (every stage)"
            : "Execution providers: " + string.Join("; ", recorded.Select(s => $"{s.Name} {Chain(s)}"));
        var missing = recorded.SelectMany(s => s.ProviderFallbacks ?? []).Select(f => f.Provider).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
        {
            text += $"; the target's {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not available on this host ({DiagnosticCatalog.Runtime.ExecutionProviderUnavailable})";
        }

        return text;
    }
}
