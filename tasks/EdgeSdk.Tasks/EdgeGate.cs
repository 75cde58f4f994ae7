// MSBuild task: judges budgets (errors located at the budget's line in the recipe) and assembles the
// artifacts. Runs on every build; it only reads JSON and compares numbers (model.ort comes from the step
// cache when another build already converted the same final model).
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
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

    /// <summary>Gets the artifacts to copy (metadata <c>OutputName</c>, <c>Kind</c>).</summary>
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
                if (PipelineItems.Rebuild(Log, item) is not var (recipe, plan))
                {
                    return false;
                }

                foreach (var step in plan.Steps.Where(s => BuildStartedTicks > 0 && File.Exists(s.RecordFile) && File.GetLastWriteTimeUtc(s.RecordFile).Ticks < BuildStartedTicks))
                {
                    foreach (var warning in StepRecord.TryRead(step.RecordFile)?.Diagnostics ?? [])
                    {
                        MSBuildDiagnostics.Log(Log, warning.ToWarning());
                    }
                }

                var report = Path.Combine(OutputDirectory, plan.ModelName, "report.md");
                var result = PipelineFinisher.Finish(recipe, plan, report, BuildCache(d => MSBuildDiagnostics.Log(Log, d)), d => MSBuildDiagnostics.Log(Log, d));
                foreach (var artifact in result.Artifacts)
                {
                    var a = new TaskItem(artifact.Path);
                    a.SetMetadata("OutputName", plan.ModelName);
                    a.SetMetadata("Kind", artifact.Kind);
                    artifacts.Add(a);
                }

                files.AddRange(result.IntermediateFiles.Select(f => new TaskItem(f)));
                foreach (var d in result.Diagnostics)
                {
                    MSBuildDiagnostics.Log(Log, d);
                }

                var f = result.Manifest.Final;
                var metric = recipe.Evaluate.Metrics[0];
                var headline = BudgetGate.MetricValue(f, metric);
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {plan.ModelName}: {(result.Manifest.Passed ? "budgets met" : "budget missed")}"
                    + (headline is { } value ? $", {metric} {MetricVerdicts.Format(EdgeSdk.Recipes.MetricDefinition.Of(metric), value)}" : string.Empty)
                    + (f.Latency is { } l ? $", p90 {BudgetGate.Ms(l.P90Ms)}" : string.Empty)
                    + $", {BudgetGate.Size(f.Bytes)} -> {report}");
                return !result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            });
        }

        Artifacts = [.. artifacts];
        IntermediateFiles = [.. files];
        return !Log.HasLoggedErrors;
    }
}
