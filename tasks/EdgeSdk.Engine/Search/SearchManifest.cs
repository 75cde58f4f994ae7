// The manifest's view of a search record (Reports/ManifestSearch): built here, by the search that owns the
// record, so the reports read the manifest without depending on the search.
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>Builds <see cref="ManifestSearch"/> from a <see cref="SearchRecord"/>.</summary>
internal static class SearchManifest
{
    /// <summary>Builds the manifest view of a search record.</summary>
    public static ManifestSearch From(SearchRecord record) => new()
    {
        Strategy = record.Strategy,
        Seed = record.Seed,
        SpaceSize = record.SpaceSize,
        Objective = record.Objective,
        Chosen = record.Chosen,
        Feasible = record.Feasible,
        Reason = record.Reason,
        TrialsRun = record.TrialsRun,
        StepsRun = record.StepsRun,
        WallSeconds = record.WallSeconds,
        Reselected = record.Reselected,
        Machine = record.Machine,
        Trials = record.Trials.Select(t =>
        {
            var missed = record.Missed.GetValueOrDefault(t.Id) ?? [];
            var m = t.Measurement;
            return new ManifestTrial
            {
                Id = t.Id,
                Order = t.Order,
                Parameters = t.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Status = m is null ? "failed" : t.Id == record.Chosen && record.Feasible ? "chosen" : missed.Count == 0 ? "feasible" : "infeasible",
                Rank = IndexOf(record.Ranking, t.Id) + 1,
                Missed = missed,
                Metrics = m?.Metrics ?? new SortedDictionary<string, double>(StringComparer.Ordinal),
                LatencyP50Ms = m?.Latency?.P50Ms,
                LatencyP90Ms = m?.Latency?.P90Ms,
                Bytes = m?.Bytes,
                PeakMemoryBytes = m?.PeakMemoryBytes,
                Macs = m?.Macs,
                Seconds = t.Seconds,
                Error = t.Error,
            };
        }).ToList(),
    };

    private static int IndexOf(IReadOnlyList<string> list, string id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == id)
            {
                return i;
            }
        }

        return list.Count;
    }
}
