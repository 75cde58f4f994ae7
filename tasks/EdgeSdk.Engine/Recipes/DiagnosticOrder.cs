// Orders diagnostics the way people read a file: the primary file first, then others by name, each by
// line and column (stable for equal positions), so reports are deterministic.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>Sorts diagnostics by file and position.</summary>
internal static class DiagnosticOrder
{
    /// <summary>Returns the diagnostics in reading order, those of <paramref name="primaryFile"/> first.</summary>
    public static List<EdgeDiagnostic> Sort(IEnumerable<EdgeDiagnostic> diagnostics, string? primaryFile = null) =>
        diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => primaryFile is not null && x.d.Location?.File == primaryFile ? 0 : 1)
            .ThenBy(x => x.d.Location?.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.d.Location?.Column ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
}
