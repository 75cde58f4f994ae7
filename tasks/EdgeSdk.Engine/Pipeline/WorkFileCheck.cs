// MSBuild skips a step whose output is newer than its inputs, so a stage model in obj/ overwritten with garbage
// looked up to date, and every later build failed with EDGE4001 ("Re-export the model") until `dotnet clean`.
// At planning, each step's output is checked against the sha256 its record holds; an output that no longer has
// it (or has no record for this fingerprint) is deleted, so MSBuild runs that step again and, through the
// timestamps, everything after it. Unreadable evaluation results are deleted likewise.
using EdgeSdk.IO;

namespace EdgeSdk.Pipeline;

/// <summary>Finds corrupted work files of a plan and deletes them so that they are recomputed.</summary>
internal static class WorkFileCheck
{
    /// <summary>Deletes every step output of <paramref name="plan"/> whose digest does not match its record, and unreadable evaluation results; returns a warning per corrupted file.</summary>
    public static IReadOnlyList<EdgeDiagnostic> Repair(PipelinePlan plan)
    {
        var warnings = new List<EdgeDiagnostic>();
        foreach (var step in plan.Steps.Where(s => File.Exists(s.OutputModel)))
        {
            var record = StepRecord.TryRead(step.RecordFile);
            if (record is not null && record.Fingerprint == step.Fingerprint && record.OutputSha256 is { } recorded
                && string.Equals(Fingerprint.FileSha256(step.OutputModel), recorded, StringComparison.Ordinal))
            {
                continue;
            }

            // A record with a digest that does not match means the file was damaged; no digest (an older engine's
            // record) or another fingerprint's record only means it cannot be trusted: recompute quietly.
            if (record?.OutputSha256 is not null && record.Fingerprint == step.Fingerprint)
            {
                warnings.Add(EdgeDiagnostic.Warning(DiagnosticCatalog.Sdk.WorkFileCorrupted,
                    $"{plan.ModelName}: the output of step {step.Index} ({step.Name}) '{step.OutputModel}' does not match the sha256 recorded when it was written; it is recomputed."));
            }

            File.Delete(step.OutputModel);
            File.Delete(step.RecordFile);
        }

        if (File.Exists(plan.EvaluationFile) && EvaluationRecord.TryRead(plan.EvaluationFile) is null)
        {
            warnings.Add(EdgeDiagnostic.Warning(DiagnosticCatalog.Sdk.WorkFileCorrupted,
                $"{plan.ModelName}: the evaluation results '{plan.EvaluationFile}' are unreadable; the stages are measured again."));
            File.Delete(plan.EvaluationFile);
        }

        return warnings;
    }
}
