// The two calls the step runner makes around a pass: restore a step's output model and record from the
// caches before running it, and store them after. A restored record must be for the same fingerprint;
// anything else counts as a corrupt entry and the pass runs. Stored warnings that point into the
// project's recipe folder are kept relative to it, so a clone elsewhere reports them at its own recipe.
using EdgeSdk.Caching;
using EdgeSdk.IO;
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;

namespace EdgeSdk.Pipeline;

/// <summary>Connects <see cref="StepRunner"/> to a <see cref="StepCache"/>.</summary>
internal static class StepCacheHook
{
    /// <summary>Restores <paramref name="step"/> from the caches, writing its output model and record; null when it must run.</summary>
    public static StepRecord? TryRestore(StepCache cache, StepCacheKey key, PipelinePlan plan, StepPlan step, PipelineRunOptions options)
    {
        var staged = WorkFolder.StagingPath(step);
        try
        {
            return TryRestore(cache, key, plan, step, staged, options);
        }
        finally
        {
            if (File.Exists(staged))
            {
                File.Delete(staged);
            }
        }
    }

    private static StepRecord? TryRestore(StepCache cache, StepCacheKey key, PipelinePlan plan, StepPlan step, string staged, PipelineRunOptions options)
    {
        // Restored to a staged file and committed with its record under the work folder's lock (see WorkFolder).
        var restored = cache.TryRestore(key, staged, options.Report, options.Cancellation);
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

        var recipeDir = Path.GetDirectoryName(plan.RecipePath)!;
        record = record with
        {
            Index = step.Index,
            Name = step.Name,
            Source = restored.Source,
            Diagnostics = record.Diagnostics.Select(d => d.File is { } f && !Path.IsPathRooted(f) ? d with { File = Path.GetFullPath(Path.Combine(recipeDir, f)) } : d).ToList(),
        };
        return WorkFolder.Commit(plan, step, staged, record, options.Cancellation);
    }

    /// <summary>Stores a computed step's output model and record.</summary>
    public static void Store(StepCache cache, StepCacheKey key, PipelinePlan plan, StepPlan step, StepRecord record, bool hostDependent, PipelineRunOptions options)
    {
        var recipeDir = Path.GetDirectoryName(plan.RecipePath)! + Path.DirectorySeparatorChar;
        var portable = record with
        {
            Source = CacheSource.Computed,
            Diagnostics = record.Diagnostics.Select(d => d.File is { } f && f.StartsWith(recipeDir, StringComparison.Ordinal) ? d with { File = Path.GetRelativePath(recipeDir, f) } : d).ToList(),
        };
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(JsonSerializer.Serialize(portable, StepRecord.Json) + "\n");
        cache.Store(key, step.OutputModel, bytes, hostDependent, options.Report, options.Cancellation);
    }
}
