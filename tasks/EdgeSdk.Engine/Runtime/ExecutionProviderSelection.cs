// Which execution providers a session gets, from the target profile's ordered list and what the loaded
// ONNX Runtime offers (OrtEnv.GetAvailableProviders()). A provider the host lacks is never dropped
// silently: it becomes a ProviderFallback that the gate reports as EDGE3007 and the manifest records.
// CPUExecutionProvider is always the last provider of a session (ONNX Runtime's own fallback); providers a
// profile lists after `cpu` are never reached (the CPU provider takes every node it has a kernel for), so
// they are not appended.
using EdgeSdk.Targets;

namespace EdgeSdk.Runtime;

/// <summary>A requested execution provider the session runs without, and why.</summary>
/// <param name="Provider">ONNX Runtime's name of the provider, e.g. <c>XnnpackExecutionProvider</c>.</param>
/// <param name="Reason">Why it was not used (not offered by this ONNX Runtime build, or ORT's error when appending it).</param>
internal sealed record ProviderFallback(string Provider, string Reason);

/// <summary>The providers of one session.</summary>
/// <param name="Appended">Providers to append to the session options, in priority order (CPU excluded: it is implicit).</param>
/// <param name="Fallbacks">Requested providers left out, in request order.</param>
internal sealed record ProviderSelection(IReadOnlyList<string> Appended, IReadOnlyList<ProviderFallback> Fallbacks)
{
    /// <summary>Gets the selection of a plain CPU session.</summary>
    public static ProviderSelection CpuOnly { get; } = new([], []);

    /// <summary>Gets the providers the session runs on, in priority order; always ends with <see cref="ExecutionProviderNames.Cpu"/>.</summary>
    public IReadOnlyList<string> Used => [.. Appended, ExecutionProviderNames.Cpu];
}

/// <summary>Chooses a session's execution providers.</summary>
internal static class ExecutionProviderSelection
{
    /// <summary>
    /// Chooses from <paramref name="requested"/> (ONNX Runtime names, preferred first) those in <paramref name="available"/>
    /// that the managed package can append (<paramref name="appendable"/>), up to the first CPU entry.
    /// </summary>
    public static ProviderSelection Choose(IReadOnlyList<string> requested, IReadOnlyList<string> available, IReadOnlyCollection<string> appendable)
    {
        var appended = new List<string>();
        var fallbacks = new List<ProviderFallback>();
        foreach (var name in requested.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (string.Equals(name, ExecutionProviderNames.Cpu, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if (!available.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                fallbacks.Add(new ProviderFallback(name, $"this host's ONNX Runtime does not offer it (it offers {string.Join(", ", available)})"));
            }
            else if (!appendable.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                fallbacks.Add(new ProviderFallback(name, "ONNX Runtime offers it, but the .NET package has no call to append it to a session"));
            }
            else
            {
                appended.Add(name);
            }
        }

        return new ProviderSelection(appended, fallbacks);
    }

    /// <summary>Chooses from <paramref name="requested"/> what the loaded ONNX Runtime offers.</summary>
    public static ProviderSelection ForHost(IReadOnlyList<string> requested) =>
        requested.Count == 0 ? ProviderSelection.CpuOnly : Choose(requested, OrtRuntime.Instance.Providers, SessionOptionsBuilder.AppendableProviders);
}
