// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale).
using EdgeSdk.Api;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks;

/// <summary>Runs one step planned by <see cref="EdgePlan"/>.</summary>
public sealed class EdgeRunStep : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the step item (one per batch).</summary>
    [Required]
    public ITaskItem[] Step { get; set; } = [];

    /// <summary>Gets or sets the thread count (0 = the recipe's).</summary>
    public int Threads { get; set; }

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        foreach (var item in Step)
        {
            var ok = MSBuildDiagnostics.Run(Log, () =>
            {
                var index = int.Parse(item.GetMetadata("StepIndex"), System.Globalization.CultureInfo.InvariantCulture);
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {item.GetMetadata("ModelName")}: step {index}/{item.GetMetadata("StepCount")} {item.GetMetadata("StepName")}");
                var outcome = EdgeEngine.RunStep(PipelineItems.PlanFileOf(item), index, PipelineItems.RunSettings(Log, Threads, _cancel.Token));
                foreach (var line in outcome.Summary)
                {
                    Log.LogMessage(MessageImportance.High, $"  {outcome.Step.Name}: {line}");
                }

                return true;
            });
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
