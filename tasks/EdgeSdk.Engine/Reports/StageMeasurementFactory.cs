// Turns an evaluation result into the stage measurement the gate, manifest, reports and diff share, so
// the pipeline's evaluation step maps nothing by hand. Parameters, MACs and memory come from the static
// analysis at the evaluated batch size; MACs are divided by the batch to give per-sample figures.
using System.Globalization;
using EdgeSdk.Evaluation;

namespace EdgeSdk.Reports;

/// <summary>Builds <see cref="StageMeasurement"/> from <see cref="EvaluationResult"/>.</summary>
internal static class StageMeasurementFactory
{
    /// <summary>Creates the measurement of stage <paramref name="name"/> whose model file has <paramref name="sha256"/> and <paramref name="fileBytes"/>.</summary>
    public static StageMeasurement From(string name, string sha256, long fileBytes, EvaluationResult result)
    {
        var s = result.Static;
        var estimates = result.Estimate?.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal) ?? [];
        return new StageMeasurement
        {
            Name = name,
            Sha256 = sha256,
            Bytes = fileBytes,
            Parameters = s.Parameters,
            Macs = s.NodesWithUnknownShapes == 0 ? s.Macs / Math.Max(1, s.Batch) : null,
            PeakMemoryBytes = s.PeakMemoryBytes,
            Metrics = new SortedDictionary<string, double>(result.Metrics, StringComparer.Ordinal),
            Latency = result.Latency is { } l ? LatencySummary.From(l) : null,
            EstimatedTargetLatencyMs = result.Estimate?.LatencyMs,
            DeflateBytes = s.DeflateBytes,
            TargetRamBytes = result.Estimate is { RamBytes: > 0 } ram ? ram.RamBytes : null,
            TargetStorageBytes = result.Estimate is { StorageBytes: > 0 } storage ? storage.StorageBytes : null,
            WeightBytes = s.WeightBytes,
            PeakActivationBytes = s.PeakActivationBytes,
            Layers = s.Nodes.Select(n => new LayerDiagnostic
            {
                Name = n.Name,
                OpType = n.OpType,
                Precision = n.Precision.ToString().ToLowerInvariant(),
                Macs = n.Macs,
                WeightBytes = n.WeightBytes,
                OutputBytes = n.OutputBytes,
                OutputShape = n.OutputShape.Length == 0 ? "?" : "[" + string.Join(",", n.OutputShape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]",
                EstimatedMs = estimates.TryGetValue(n.Name, out var e) ? e.Ms : null,
                Bound = estimates.TryGetValue(n.Name, out var b) ? b.Bound.ToString().ToLowerInvariant() : null,
            }).ToArray(),
        };
    }
}
