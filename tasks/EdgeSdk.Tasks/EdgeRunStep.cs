// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale), through the machine-wide
// and remote step caches; one StepCache per build is shared by every step (so a remote outage warns once).
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks;

/// <summary>Runs one step planned by <see cref="EdgePlan"/>.</summary>
public sealed class EdgeRunStep : CachingTask, ICancelableTask
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
                var options = PipelineItems.RunOptions(Log, Threads, _cancel.Token);
                var record = StepRunner.Run(recipe, plan, step, options with { Cache = BuildCache(options.Report) });
                if (record.Source != CacheSource.Computed)
                {
                    Log.LogMessage(MessageImportance.High, $"  {step.Name}: restored from the {(record.Source == CacheSource.Local ? "machine-wide" : "remote")} cache");
                }

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
