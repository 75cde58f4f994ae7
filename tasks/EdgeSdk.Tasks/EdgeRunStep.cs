// MSBuild task: runs one pipeline step (MSBuild has already decided it is stale), through the machine-wide
// and remote step caches; one open cache per build is shared by every step (so a remote outage warns once).
// Every step runs from the plan file EdgePlan wrote.
using EdgeSdk.Api;
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
    public override bool Execute()
    {
        try
        {
            return MSBuildDiagnostics.Guard(Log, ExecuteCore);
        }
        finally
        {
            LoadTrace.Log(Log, nameof(EdgeRunStep));
        }
    }

    private bool ExecuteCore()
    {
        foreach (var item in Step)
        {
            var ok = MSBuildDiagnostics.Run(Log, () =>
            {
                var index = int.Parse(item.GetMetadata("StepIndex"), System.Globalization.CultureInfo.InvariantCulture);
                var name = item.GetMetadata("StepName");
                Log.LogMessage(MessageImportance.High, $"EdgeSdk: {item.GetMetadata("ModelName")}: step {index}/{item.GetMetadata("StepCount")} {name}");
                var settings = PipelineItems.RunSettings(Log, Threads, _cancel.Token);
                var outcome = EdgeEngine.RunStep(PipelineItems.PlanFileOf(item), index, settings with { Cache = BuildCache(settings.Report) });
                if (outcome.Source != "computed")
                {
                    Log.LogMessage(MessageImportance.High, $"  {name}: restored from the {(outcome.Source == "local-cache" ? "machine-wide" : "remote")} cache");
                }

                foreach (var line in outcome.Summary)
                {
                    Log.LogMessage(MessageImportance.High, $"  {name}: {line}");
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
