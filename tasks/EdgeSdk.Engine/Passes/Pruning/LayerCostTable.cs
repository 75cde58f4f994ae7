// Renders per-layer costs before and after a rewrite as a report table (shared by prune and lowrank).
using System.Globalization;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Builds before/after tables from <see cref="LayerCost"/> lists.</summary>
internal static class LayerCostTable
{
    /// <summary>Joins costs by layer name; layers that disappeared or appeared show '-' on the missing side.</summary>
    public static ReportTable Build(string title, IReadOnlyList<LayerCost> before, IReadOnlyList<LayerCost> after)
    {
        var afterByName = after.ToDictionary(l => l.Node, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var b in before)
        {
            var a = afterByName.GetValueOrDefault(b.Node);
            rows.Add(
            [
                b.Node, b.OpType,
                $"{b.InChannels} -> {Text(a?.InChannels)}",
                $"{b.OutChannels} -> {Text(a?.OutChannels)}",
                $"{b.Parameters} -> {Text(a?.Parameters)}",
                $"{Text(b.Macs)} -> {Text(a?.Macs)}",
            ]);
        }

        foreach (var a in after.Where(a => before.All(b => b.Node != a.Node)))
        {
            rows.Add([a.Node, a.OpType, $"- -> {a.InChannels}", $"- -> {a.OutChannels}", $"- -> {a.Parameters}", $"- -> {Text(a.Macs)}"]);
        }

        return new ReportTable(title, ["layer", "op", "in channels", "out channels", "parameters", "MACs/sample"], rows);
    }

    private static string Text(long? value) => value is null ? "-" : value < 0 ? "?" : value.Value.ToString(CultureInfo.InvariantCulture);
}
