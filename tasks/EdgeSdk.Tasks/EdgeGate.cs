// MSBuild task: judges budgets (errors located at the budget's line in the recipe) and assembles the
// artifacts. Runs on every build; it only reads JSON and compares numbers (model.ort comes from the step
// cache when another build already converted the same final model). After all pipelines pass it completes the
// up-to-date record EdgePlan began; on a no-op build (EdgePlan replayed that record) it replays its part of it.
using EdgeSdk.Api;
using EdgeSdk.Tasks.UpToDate;
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

    /// <summary>Gets the artifacts to copy, as the engine decides (all, or only the reports after a missed budget); metadata <c>OutputName</c>, <c>Kind</c>.</summary>
    [Output]
    public ITaskItem[] Artifacts { get; private set; } = [];

    /// <summary>Gets every work file written for the pipelines (for <c>dotnet clean</c>).</summary>
    [Output]
    public ITaskItem[] IntermediateFiles { get; private set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        try
        {
            // The replay touches only this assembly and the BCL: the engine is loaded by ExecuteCore alone.
            return TryReplay() || MSBuildDiagnostics.Guard(Log, ExecuteCore);
        }
        finally
        {
            LoadTrace.Log(Log, nameof(EdgeGate));
        }
    }

    private string RecordPath => Pipeline.Select(p => p.GetMetadata(EdgePlan.RecordMetadata)).FirstOrDefault(p => p.Length > 0) ?? string.Empty;

    // EdgePlan found the whole record current; nothing ran since (or the stamps say otherwise), so judging again would
    // log and return what the record holds.
    private bool TryReplay()
    {
        try
        {
            if (Pipeline.Length == 0 || Pipeline.Any(p => p.GetMetadata(EdgePlan.UpToDateMetadata) != "true") || RecordPath.Length == 0
                || UpToDateRecord.Read(RecordPath) is not { } record || record.OutputDirectory != OutputDirectory || !record.IsCurrent
                || !record.Gates.Select(g => g.PlanFile).SequenceEqual(Pipeline.Select(PipelineItems.PlanFileOf), StringComparer.Ordinal))
            {
                return false;
            }

            foreach (var gate in record.Gates)
            {
                foreach (var d in gate.Diagnostics)
                {
                    d.Log(Log);
                }

                Log.LogMessage(MessageImportance.High, "EdgeSdk: " + gate.Summary);
            }

            Artifacts = [.. record.Gates.SelectMany(g => g.Artifacts).Select(a => a.ToItem())];
            IntermediateFiles = [.. record.Gates.SelectMany(g => g.IntermediateFiles).Concat(RecordFiles()).Select(f => new TaskItem(f))];
            return !Log.HasLoggedErrors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private IEnumerable<string> RecordFiles() => RecordPath.Length == 0 ? [] : [RecordPath, UpToDateRecord.PlanPath(Path.GetDirectoryName(RecordPath)!)];

    private bool ExecuteCore()
    {
        var artifacts = new List<ITaskItem>();
        var files = new List<ITaskItem>();
        var gates = new List<GateRecord>();
        var allPassed = true;
        if (RecordPath.Length > 0)
        {
            UpToDateRecord.Delete(Path.GetDirectoryName(RecordPath)!, planToo: false);
        }

        foreach (var item in Pipeline)
        {
            var passed = MSBuildDiagnostics.Run(Log, () =>
            {
                var planFile = PipelineItems.PlanFileOf(item);
                if (BuildStartedTicks > 0)
                {
                    foreach (var warning in EdgeEngine.WarningsOfSkippedSteps(planFile, new DateTime(BuildStartedTicks, DateTimeKind.Utc)))
                    {
                        MSBuildDiagnostics.Log(Log, warning);
                    }
                }

                var result = EdgeEngine.Finish(planFile, OutputDirectory, BuildCache(d => MSBuildDiagnostics.Log(Log, d)), d => MSBuildDiagnostics.Log(Log, d));
                var published = new List<ITaskItem>();
                foreach (var artifact in result.Publish)
                {
                    var a = new TaskItem(artifact.Path);
                    a.SetMetadata("OutputName", result.ModelName);
                    a.SetMetadata("Kind", artifact.Kind);
                    published.Add(a);
                }

                artifacts.AddRange(published);
                files.AddRange(result.IntermediateFiles.Select(f => new TaskItem(f)));
                foreach (var d in result.Diagnostics)
                {
                    MSBuildDiagnostics.Log(Log, d);
                }

                Log.LogMessage(MessageImportance.High, "EdgeSdk: " + result.Summary);

                // What a no-op build shows again: the warnings of every step (all skipped then) and the gate's.
                gates.Add(new GateRecord(
                    planFile,
                    [.. EdgeEngine.WarningsOfSkippedSteps(planFile, DateTime.MaxValue).Concat(result.Diagnostics).Select(MSBuildDiagnostics.Describe)],
                    result.Summary,
                    [.. published.Select(RecordedItem.Of)],
                    result.IntermediateFiles));
                return result.Passed;
            });
            allPassed &= passed;
        }

        Artifacts = [.. artifacts];
        files.AddRange(RecordFiles().Select(f => new TaskItem(f)));
        IntermediateFiles = [.. files];
        if (allPassed && !Log.HasLoggedErrors)
        {
            WriteRecord(gates);
        }

        return !Log.HasLoggedErrors;
    }

    // Completes EdgePlan's record of this build, stamping every work file and artifact as this build leaves them.
    private void WriteRecord(IReadOnlyList<GateRecord> gates)
    {
        if (RecordPath.Length == 0 || UpToDateRecord.ReadPlan(UpToDateRecord.PlanPath(Path.GetDirectoryName(RecordPath)!)) is not { } plan
            || !plan.Pipelines.Select(p => p.Metadata.GetValueOrDefault(PipelineItems.PlanFile)).SequenceEqual(gates.Select(g => g.PlanFile), StringComparer.Ordinal))
        {
            return;
        }

        var work = gates.SelectMany(g => g.IntermediateFiles).Distinct(StringComparer.Ordinal).Select(f => StampedPath.Of(f)).ToList();
        new UpToDateRecord(plan, OutputDirectory, work, gates).Write(RecordPath);
    }
}
