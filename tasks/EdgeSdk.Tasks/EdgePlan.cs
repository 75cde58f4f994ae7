// MSBuild task: validates each EdgeModel's recipe, plans its steps and writes their fingerprint files
// (only when changed) and the resolved plan (plan.json), returning one item per step and one per pipeline
// for the incremental targets. This is the only task that reads a recipe. A recipe with a `search:` section
// is searched here first: its trials' steps go through the machine-wide and remote step caches like any step
// (so a second clone or a CI agent runs no trial pass), while every trial is measured again on this machine.
// On a no-op build (the up-to-date record of the last build still holds, UpToDate/) it returns the recorded
// items without loading the engine.
using EdgeSdk.Api;
using EdgeSdk.Tasks.UpToDate;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Plans the optimization pipeline of every <c>EdgeModel</c> item.</summary>
public sealed class EdgePlan : CachingTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the <c>EdgeModel</c> items (metadata <c>Recipe</c>, optional <c>OutputName</c>).</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>Gets or sets the project folder (relative paths resolve against it).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder for step outputs (<c>$(IntermediateOutputPath)edge/</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder of device target profiles.</summary>
    public string TargetsDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder of stock recipes (for <c>extends</c>).</summary>
    public string StockRecipesDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets build properties recipes may reference as <c>${Name}</c> (<c>A=1;B=2</c>).</summary>
    public string RecipeProperties { get; set; } = string.Empty;

    /// <summary>Gets or sets the project file (<c>$(MSBuildProjectFullPath)</c>), where item errors are located; empty for the file of the task node.</summary>
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>Gets or sets the thread count for the search's trials (0 = the recipe's).</summary>
    public int Threads { get; set; }

    /// <summary>Gets one item per step, with metadata <c>InputModel</c>, <c>OutputModel</c>, <c>FingerprintFile</c>, <c>StepIndex</c>, <c>StepCount</c>, <c>StepName</c>, <c>PlanFile</c>.</summary>
    [Output]
    public ITaskItem[] Steps { get; private set; } = [];

    /// <summary>Gets one item per model, with metadata <c>StageModels</c>, <c>EvaluationFile</c>, <c>EvaluationFingerprintFile</c>.</summary>
    [Output]
    public ITaskItem[] Pipelines { get; private set; } = [];

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        try
        {
            // The fast path touches only this assembly and the BCL: the engine is loaded by ExecuteCore alone.
            return TryReplay() || MSBuildDiagnostics.Guard(Log, ExecuteCore);
        }
        finally
        {
            LoadTrace.Log(Log, nameof(EdgePlan));
        }
    }

    private string Intermediate => Path.GetFullPath(Path.Combine(ProjectDirectory, IntermediateDirectory));

    private string? Key(bool usedProperties) => PlanKey.Of(Models,
        [ProjectDirectory, IntermediateDirectory, TargetsDirectory, StockRecipesDirectory, usedProperties ? RecipeProperties : PlanKey.PropertyNames(RecipeProperties), ProjectFile, Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
         Cache, CacheDirectory, RemoteCache, RemoteCacheWrite, RemoteCacheTimeout]);

    // A no-op build: the last build recorded this key and every input and work file still has its stamp, so
    // planning again would write the same files and return the same items; return the recorded ones.
    private bool TryReplay()
    {
        try
        {
            var record = Models.Length > 0 ? UpToDateRecord.Read(UpToDateRecord.RecordPath(Intermediate)) : null;
            if (record is null || record.Plan.Key != Key(record.Plan.UsedProperties) || !record.IsCurrent)
            {
                return false;
            }

            foreach (var d in record.Plan.Diagnostics)
            {
                d.Log(Log);
            }

            Steps = [.. record.Plan.Steps.Select(s => s.ToItem())];
            Pipelines = [.. record.Plan.Pipelines.Select(p => p.ToItem((UpToDateMetadata, "true")))];
            foreach (var pipeline in record.Plan.Pipelines)
            {
                Log.LogMessage(MessageImportance.Normal, $"EdgeSdk: {pipeline.Metadata.GetValueOrDefault("ModelName")}: recipe, model and data unchanged since the last build; planning skipped ('{pipeline.Metadata.GetValueOrDefault(PipelineItems.PlanFile)}')");
            }

            return !Log.HasLoggedErrors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The pipeline item metadata set when planning was skipped (EdgeGate may then replay too).</summary>
    internal const string UpToDateMetadata = "UpToDate";

    /// <summary>The pipeline item metadata naming the up-to-date record.</summary>
    internal const string RecordMetadata = "UpToDateRecord";

    private bool ExecuteCore()
    {
        var steps = new List<ITaskItem>();
        var pipelines = new List<ITaskItem>();
        var intermediate = Intermediate;
        var recordPath = UpToDateRecord.RecordPath(intermediate);
        UpToDateRecord.Delete(intermediate, planToo: true);
        var inputs = new List<StampedPath>();
        var recipeDiagnostics = new List<LoggedDiagnostic>();
        var recordable = true;
        var usedProperties = false;
        var projectFile = string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile;
        var settings = PipelineItems.RunSettings(Log, Threads, _cancel.Token);
        settings = settings with { Cache = BuildCache(settings.Report) };
        var problems = EdgeEngine.CheckOutputNames(
            [.. Models.Select(m => new ModelOutputRequest(m.ItemSpec, Path.GetFullPath(Path.Combine(ProjectDirectory, m.ItemSpec)), NullIfEmpty(m.GetMetadata("OutputName"))))],
            string.IsNullOrEmpty(projectFile) ? null : projectFile);
        foreach (var problem in problems)
        {
            MSBuildDiagnostics.Log(Log, problem.Error);
        }

        var refused = problems.Select(p => p.Index).ToHashSet();
        foreach (var model in Models.Where((_, i) => !refused.Contains(i)))
        {
            MSBuildDiagnostics.Run(Log, () =>
            {
                var recipePath = Path.GetFullPath(Path.Combine(ProjectDirectory, model.GetMetadata("Recipe")));
                var result = EdgeEngine.Plan(new PlanRequest
                {
                    RecipePath = recipePath,
                    ModelPath = Path.GetFullPath(Path.Combine(ProjectDirectory, model.ItemSpec)),
                    IntermediateDirectory = intermediate,
                    OutputName = NullIfEmpty(model.GetMetadata("OutputName")),
                    TargetsDirectory = TargetsDirectory,
                    StockRecipesDirectory = StockRecipesDirectory,
                    Properties = EdgeEngine.ParseProperties(RecipeProperties, "EdgeRecipeProperties", string.IsNullOrEmpty(projectFile) ? null : projectFile),
                }, settings);
                foreach (var d in result.Diagnostics)
                {
                    MSBuildDiagnostics.Log(Log, d);
                }

                if (result.Pipeline is not { } pipeline)
                {
                    return false;
                }

                recipeDiagnostics.AddRange(result.RecipeDiagnostics.Select(MSBuildDiagnostics.Describe));
                usedProperties |= pipeline.UsedProperties;
                if (pipeline.Inputs is null)
                {
                    recordable = false;
                }
                else
                {
                    inputs.AddRange(pipeline.Inputs.Select(i => StampedPath.Of(i.Path, i.ListPattern, i.Recursive)));
                }

                Log.LogMessage(MessageImportance.Normal, $"EdgeSdk: {pipeline.ModelName}: read recipe '{recipePath}', planned {pipeline.Steps.Count} step(s) into '{pipeline.PlanFile}'");
                foreach (var step in pipeline.Steps)
                {
                    var item = PipelineItems.Describe(step.OutputModel, pipeline);
                    item.SetMetadata("StepIndex", step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    item.SetMetadata("StepCount", pipeline.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    item.SetMetadata("StepName", step.Name);
                    item.SetMetadata("InputModel", step.InputModel);
                    item.SetMetadata("OutputModel", step.OutputModel);
                    item.SetMetadata("FingerprintFile", step.FingerprintFile);
                    steps.Add(item);
                }

                var pipelineItem = PipelineItems.Describe(pipeline.EvaluationFile, pipeline);
                pipelineItem.SetMetadata("StageModels", string.Join(";", pipeline.StageModels));
                pipelineItem.SetMetadata("EvaluationFile", pipeline.EvaluationFile);
                pipelineItem.SetMetadata("EvaluationFingerprintFile", pipeline.EvaluationFingerprintFile);
                pipelineItem.SetMetadata(RecordMetadata, recordPath);
                pipelines.Add(pipelineItem);
                return true;
            });
        }

        Steps = [.. steps];
        Pipelines = [.. pipelines];
        if (!Log.HasLoggedErrors && recordable && refused.Count == 0 && pipelines.Count == Models.Length && Key(usedProperties) is { } key)
        {
            // EdgeGate completes the record once every pipeline has passed.
            UpToDateRecord.WritePlan(UpToDateRecord.PlanPath(intermediate), new PlanRecord(
                key,
                [.. inputs.Distinct()],
                [.. steps.Select(RecordedItem.Of)],
                [.. pipelines.Select(RecordedItem.Of)],
                recipeDiagnostics,
                usedProperties));
        }

        return !Log.HasLoggedErrors;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
