// Converts between MSBuild items and the engine's public API: EdgePlan plans once and stores the path of
// the resolved plan (plan.json) on every item it returns; the later tasks pass that path back to the engine
// instead of reading the recipe or hashing the model and data again.
using EdgeSdk.Api;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Item metadata names and the engine settings the tasks share.</summary>
internal static class PipelineItems
{
    /// <summary>The metadata holding the plan file's path.</summary>
    public const string PlanFile = "PlanFile";

    /// <summary>Creates an item for <paramref name="identity"/> that names the plan file.</summary>
    public static TaskItem Describe(string identity, PlannedPipeline pipeline)
    {
        var item = new TaskItem(identity);
        item.SetMetadata(PlanFile, pipeline.PlanFile);
        item.SetMetadata("ModelName", pipeline.ModelName);
        return item;
    }

    /// <summary>Gets the plan file an item names.</summary>
    public static string PlanFileOf(ITaskItem item) => item.GetMetadata(PlanFile);

    /// <summary>Builds run settings that report progress and warnings through MSBuild.</summary>
    public static RunSettings RunSettings(TaskLoggingHelper log, int threads, CancellationToken token, bool remeasure = false) => new()
    {
        Threads = threads,
        Remeasure = remeasure,
        Progress = line => log.LogMessage(MessageImportance.High, "  EdgeSdk: " + line),
        Report = d => MSBuildDiagnostics.Log(log, d),
        Cancellation = token,
    };
}
