// MSBuild task: measures every stage of a pipeline (MSBuild has decided a stage or the settings changed).
using EdgeSdk.Api;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks;

/// <summary>Evaluates the stages of one pipeline.</summary>
public sealed class EdgeEvaluate : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the pipeline item (one per batch).</summary>
    [Required]
    public ITaskItem[] Pipeline { get; set; } = [];

    /// <summary>Gets or sets the thread count (0 = the recipe's).</summary>
    public int Threads { get; set; }

    /// <summary>Gets or sets whether to time every stage again even when a cached measurement exists (<c>-p:EdgeRemeasure=true</c>).</summary>
    public bool Remeasure { get; set; }

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        try
        {
            return MSBuildDiagnostics.Guard(Log, () => Pipeline.All(item => MSBuildDiagnostics.Run(Log, () =>
            {
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {item.GetMetadata("ModelName")}: evaluating {item.GetMetadata("StageModels").Split(';').Length} stage(s)");
                EdgeEngine.Evaluate(PipelineItems.PlanFileOf(item), PipelineItems.RunSettings(Log, Threads, _cancel.Token, Remeasure));
                return true;
            })));
        }
        finally
        {
            LoadTrace.Log(Log, nameof(EdgeEvaluate));
        }
    }
}
