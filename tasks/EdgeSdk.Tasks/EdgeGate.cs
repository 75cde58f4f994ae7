// MSBuild task: judges budgets (errors located at the budget's line in the recipe) and assembles the
// artifacts. Runs on every build; it only reads JSON and compares numbers (model.ort comes from the step
// cache when another build already converted the same final model).
using EdgeSdk.Api;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Judges budgets and produces the artifacts of each pipeline.</summary>
public sealed class EdgeGate : CachingTask
{
    /// <summary>Gets or sets the pipeline items.</summary>
    [Required]
    public ITaskItem[] Pipeline { get; set; } = [];

    /// <summary>Gets or sets the output root (<c>$(OutDir)edge/</c>), used in messages that point at the report.</summary>
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets when this build started (UTC ticks): warnings of step records written before it (steps MSBuild skipped) are shown again.</summary>
    public long BuildStartedTicks { get; set; }

    /// <summary>
    /// Gets the artifacts to publish, each model's whole set; metadata <c>OutputName</c>, <c>Kind</c> and <c>PublishDirectory</c>
    /// (as the engine decides: the model's output folder when its budgets are met, else <c>obj/…/edge/&lt;model&gt;/failed/</c>).
    /// </summary>
    [Output]
    public ITaskItem[] Artifacts { get; private set; } = [];

    /// <summary>Gets every work file written for the pipelines (for <c>dotnet clean</c>).</summary>
    [Output]
    public ITaskItem[] IntermediateFiles { get; private set; } = [];

    /// <inheritdoc/>
    public override bool Execute() => MSBuildDiagnostics.Guard(Log, ExecuteCore);

    private bool ExecuteCore()
    {
        var artifacts = new List<ITaskItem>();
        var files = new List<ITaskItem>();
        foreach (var item in Pipeline)
        {
            MSBuildDiagnostics.Run(Log, () =>
            {
                if (BuildStartedTicks > 0)
                {
                    foreach (var warning in EdgeEngine.WarningsOfSkippedSteps(PipelineItems.PlanFileOf(item), new DateTime(BuildStartedTicks, DateTimeKind.Utc)))
                    {
                        MSBuildDiagnostics.Log(Log, warning);
                    }
                }

                var result = EdgeEngine.Finish(PipelineItems.PlanFileOf(item), OutputDirectory, BuildCache(d => MSBuildDiagnostics.Log(Log, d)), d => MSBuildDiagnostics.Log(Log, d));
                foreach (var artifact in result.Publish)
                {
                    var a = new TaskItem(artifact.Path);
                    a.SetMetadata("OutputName", result.ModelName);
                    a.SetMetadata("Kind", artifact.Kind);
                    a.SetMetadata("PublishDirectory", result.PublishDirectory);
                    artifacts.Add(a);
                }

                files.AddRange(result.IntermediateFiles.Select(f => new TaskItem(f)));
                foreach (var d in result.Diagnostics)
                {
                    MSBuildDiagnostics.Log(Log, d);
                }

                Log.LogMessage(MessageImportance.High, "EdgeSdk: " + result.Summary);
                return result.Passed;
            });
        }

        Artifacts = [.. artifacts];
        IntermediateFiles = [.. files];
        return !Log.HasLoggedErrors;
    }
}
