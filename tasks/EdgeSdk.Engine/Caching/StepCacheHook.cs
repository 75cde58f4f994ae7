// The two calls the step runner makes around a pass: restore a step's output model and record from the
// caches before running it, and store them after. A restored record must be for the same fingerprint;
// anything else counts as a corrupt entry and the pass runs.
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Caching;

/// <summary>Connects <see cref="StepRunner"/> to a <see cref="StepCache"/>.</summary>
internal static class StepCacheHook
{
    /// <summary>Restores <paramref name="step"/> from the caches, writing its output model and record; null when it must run.</summary>
    public static StepRecord? TryRestore(StepCache cache, StepCacheKey key, StepPlan step, PipelineRunOptions options)
    {
        var restored = cache.TryRestore(key, step.OutputModel, options.Report, options.Cancellation);
        if (restored is null)
        {
            return null;
        }

        StepRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<StepRecord>(restored.Record, StepRecord.Json);
        }
        catch (JsonException)
        {
            record = null;
        }

        if (record is null || record.Fingerprint != step.Fingerprint || record.Kind != step.Kind)
        {
            options.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheEntryCorrupt, $"The cached record of step {step.Index} ({step.Name}) is unreadable or belongs to another step; the step is recomputed and the entry stored again."));
            return null;
        }

        record = record with { Index = step.Index, Name = step.Name, Source = restored.Source };
        record.Write(step.RecordFile);
        return record;
    }

    /// <summary>Stores a computed step's output model and record.</summary>
    public static void Store(StepCache cache, StepCacheKey key, StepPlan step, StepRecord record, bool hostDependent, PipelineRunOptions options)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(JsonSerializer.Serialize(record with { Source = CacheSource.Computed }, StepRecord.Json) + "\n");
        cache.Store(key, step.OutputModel, bytes, hostDependent, options.Report, options.Cancellation);
    }
}
