// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale).
using EdgeSdk.Pipeline;
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
    public override bool Execute() => MSBuildDiagnostics.Guard(Log, ExecuteCore);

    private bool ExecuteCore()
    {
        foreach (var item in Step)
        {
            var ok = MSBuildDiagnostics.Run(Log, () =>
            {
                if (PipelineItems.Rebuild(Log, item) is not var (recipe, plan))
                {
                    return false;
                }

                var step = plan.Steps[int.Parse(item.GetMetadata("StepIndex"), System.Globalization.CultureInfo.InvariantCulture) - 1];
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {plan.ModelName}: step {step.Index}/{plan.Steps.Count} {step.Name}");
                var record = StepRunner.Run(recipe, plan, step, PipelineItems.RunOptions(Log, Threads, _cancel.Token));
                foreach (var line in record.Summary)
                {
                    Log.LogMessage(MessageImportance.High, $"  {step.Name}: {line}");
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
