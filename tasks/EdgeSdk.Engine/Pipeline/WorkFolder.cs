// A model's work folder (obj/…/edge/<model>/) is shared by every build of its project, and two of them may run at
// once. A step's output model and its record belong together (the record names the fingerprint the model was made
// for and its sha256), but they were written one after the other with no lock: a second build planning meanwhile saw
// the new model beside the old record, reported a false EDGE0034 "corrupted" and deleted the model the first build had
// just written (whose step then failed on a missing file), and a record could end up describing the other build's
// model. Now every change of the pair, and every read that judges it (planning's repair, the finish), happens under
// this folder's lock. A step's model is staged beside its place and hashed from the staged bytes; under the lock the
// old record is deleted, then the model and then the record are renamed into place, so a kill in between leaves a
// model without a record, which the next build quietly recomputes. A step commits only while the fingerprint file
// still holds its fingerprint: a build that re-planned the model in between wins, and the step fails with EDGE0035
// rather than leave an output of the old recipe under the new recipe's fingerprint.
using EdgeSdk.IO;

namespace EdgeSdk.Pipeline;

/// <summary>The lock of a model's work folder and the commit of step outputs under it.</summary>
internal static class WorkFolder
{
    /// <summary>Takes the work folder's exclusive lock (dispose to release); hold it only for short file operations.</summary>
    public static FileStream Lock(string workDirectory, CancellationToken cancellation = default) =>
        FolderLock.Acquire(workDirectory, "work", FolderLock.DefaultTimeout, (path, ex) => new EdgeException(DiagnosticCatalog.Sdk.WorkFolderChanged,
            $"Another build of this project has held the work folder '{workDirectory}' for over {FolderLock.DefaultTimeout.TotalMinutes:0} min (lock '{path}': {ex.Message}). Wait for it or stop it, then rebuild."), cancellation);

    /// <summary>Gets a fresh path beside <paramref name="step"/>'s output model to stage it at (same folder, so the commit is a rename).</summary>
    public static string StagingPath(StepPlan step) =>
        Path.Combine(Path.GetDirectoryName(step.OutputModel)!, $".{Path.GetFileName(step.OutputModel)}.{Environment.ProcessId}.{Guid.NewGuid():N}.staged");

    /// <summary>
    /// Commits a staged output model with its record (its <see cref="StepRecord.OutputSha256"/> set from the staged bytes):
    /// under the lock, unless the plan's fingerprint file now holds another fingerprint (EDGE0035; nothing written).
    /// Returns the record as written. The staged file is gone afterwards either way.
    /// </summary>
    public static StepRecord Commit(PipelinePlan plan, StepPlan step, string stagedModel, StepRecord record, CancellationToken cancellation = default)
    {
        try
        {
            record = record with { OutputSha256 = Fingerprint.FileSha256(stagedModel) };
            var stagedRecord = StagingPath(step) + ".json";
            try
            {
                record.Write(stagedRecord);
                using var gate = Lock(plan.WorkDirectory, cancellation);
                if (File.Exists(step.FingerprintFile) && File.ReadAllText(step.FingerprintFile) != step.Fingerprint)
                {
                    throw new EdgeException(DiagnosticCatalog.Sdk.WorkFolderChanged,
                        $"{plan.ModelName}: another build of this project re-planned step {step.Index} ({step.Name}) while this one ran it (the recipe, the model or the data changed); this build's output was not kept. Rebuild.");
                }

                CommitLocked(step, stagedModel, stagedRecord);
            }
            finally
            {
                DeleteIfPresent(stagedRecord);
            }

            return record;
        }
        finally
        {
            DeleteIfPresent(stagedModel);
        }
    }

    /// <summary>Moves a staged model and record into place, the old record removed first; the caller holds the lock.</summary>
    public static void CommitLocked(StepPlan step, string stagedModel, string stagedRecord)
    {
        DeleteIfPresent(step.RecordFile);
        File.Move(stagedModel, step.OutputModel, overwrite: true);
        File.Move(stagedRecord, step.RecordFile, overwrite: true);
    }

    /// <summary>
    /// Reads the records of every step of <paramref name="plan"/> and the bytes of its final model (with their sha256) under the lock, and checks
    /// that each record is for its step's fingerprint and that the final model is the one its record describes; a mismatch
    /// (another build re-planned or re-ran the model meanwhile) is EDGE0035, a missing record EDGE0005.
    /// </summary>
    public static (IReadOnlyList<StepRecord> Records, byte[] FinalModel, string FinalSha256) ReadForFinish(PipelinePlan plan)
    {
        using var gate = Lock(plan.WorkDirectory);
        var records = plan.Steps.Select(s => StepRecord.TryRead(s.RecordFile)
            ?? throw new EdgeException(DiagnosticCatalog.Sdk.PipelineStateMissing, $"The record of step {s.Index} ({s.Name}) is missing at '{s.RecordFile}'. Rebuild.")).ToList();
        foreach (var (step, record) in plan.Steps.Zip(records))
        {
            if (record.Fingerprint != step.Fingerprint)
            {
                throw new EdgeException(DiagnosticCatalog.Sdk.WorkFolderChanged,
                    $"{plan.ModelName}: the record of step {step.Index} ({step.Name}) is for another plan of this model (another build of this project re-planned it while this one ran); nothing was published. Rebuild.");
            }
        }

        var bytes = File.ReadAllBytes(plan.FinalModel);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (records.Count > 0 && records[^1].OutputSha256 is { } recorded && !string.Equals(sha256, recorded, StringComparison.OrdinalIgnoreCase))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.WorkFolderChanged,
                $"{plan.ModelName}: the final model '{plan.FinalModel}' is not the one its step record describes (another build of this project wrote it while this one ran); nothing was published. Rebuild.");
        }

        return (records, bytes, sha256);
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
