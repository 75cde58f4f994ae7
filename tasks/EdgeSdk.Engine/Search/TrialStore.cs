// Where a search keeps what it has computed, under the model's work folder: step outputs by step
// fingerprint (so trials sharing a prefix of passes run it once, and the chosen trial's steps are
// copied into the build's plan instead of run again), measurements by model content and evaluation
// settings, and each trial's result by the fingerprint of its last step.
using EdgeSdk.IO;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>The search's on-disk cache.</summary>
internal sealed class TrialStore
{
    /// <summary>Creates the store rooted at <paramref name="root"/> (<c>&lt;work&gt;/search</c>).</summary>
    public TrialStore(string root)
    {
        Root = root;
        Directory.CreateDirectory(StepsDirectory);
        Directory.CreateDirectory(MeasurementsDirectory);
    }

    /// <summary>Gets the root folder.</summary>
    public string Root { get; }

    /// <summary>Gets the folder in which each trial gets its own plan.</summary>
    public string TrialsDirectory => Path.Combine(Root, "trials");

    private string StepsDirectory => Path.Combine(Root, "steps");

    private string MeasurementsDirectory => Path.Combine(Root, "measurements");

    /// <summary>Copies a stored step output and record into <paramref name="step"/>'s place; false when the store lacks it.</summary>
    public bool TryRestore(StepPlan step)
    {
        var (model, record) = Paths(step.Fingerprint);
        if (!File.Exists(model) || StepRecord.TryRead(record) is not { } stored || stored.Fingerprint != step.Fingerprint)
        {
            return false;
        }

        // Rewritten rather than copied, so the output is newer than the plan's fingerprint file (MSBuild's up-to-date check);
        // staged and committed as a pair (the caller, planning, holds the work folder's lock).
        var stagedModel = WorkFolder.StagingPath(step);
        var stagedRecord = stagedModel + ".json";
        try
        {
            AtomicFile.WriteAllBytes(stagedModel, File.ReadAllBytes(model));
            (stored with { Index = step.Index, Name = step.Name, OutputSha256 = Fingerprint.FileSha256(stagedModel) }).Write(stagedRecord);
            WorkFolder.CommitLocked(step, stagedModel, stagedRecord);
        }
        finally
        {
            foreach (var f in new[] { stagedModel, stagedRecord }.Where(File.Exists))
            {
                File.Delete(f);
            }
        }

        return true;
    }

    /// <summary>Stores a step that just ran.</summary>
    public void Save(StepPlan step)
    {
        var (model, record) = Paths(step.Fingerprint);
        AtomicFile.WriteAllBytes(model, File.ReadAllBytes(step.OutputModel));
        AtomicFile.WriteAllBytes(record, File.ReadAllBytes(step.RecordFile));
    }

    /// <summary>Returns whether <paramref name="step"/>'s output in its plan is current.</summary>
    public static bool IsCurrent(StepPlan step) => File.Exists(step.OutputModel) && StepRecord.TryRead(step.RecordFile)?.Fingerprint == step.Fingerprint;

    /// <summary>Gets a stored measurement of the model with content <paramref name="sha256"/> under evaluation settings <paramref name="evaluationKey"/>.</summary>
    public EvaluationRecord? Measurement(string sha256, string evaluationKey) => EvaluationRecord.TryRead(MeasurementPath(sha256, evaluationKey));

    /// <summary>Stores a measurement.</summary>
    public void SaveMeasurement(string sha256, string evaluationKey, StageMeasurement stage, string? machine) =>
        new EvaluationRecord { Fingerprint = evaluationKey, Stages = [stage], Machine = machine }.Write(MeasurementPath(sha256, evaluationKey));

    /// <summary>Gets a trial's stored result when it was produced for <paramref name="key"/>.</summary>
    public TrialResult? Trial(string id, string key)
    {
        var path = TrialPath(id);
        try
        {
            var stored = File.Exists(path) ? System.Text.Json.JsonSerializer.Deserialize<StoredTrial>(File.ReadAllText(path), StepRecord.Json) : null;
            return stored?.Key == key ? stored.Result : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Stores a trial's result.</summary>
    public void SaveTrial(string id, string key, TrialResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TrialPath(id))!);
        AtomicFile.WriteAllText(TrialPath(id), System.Text.Json.JsonSerializer.Serialize(new StoredTrial(key, result), StepRecord.Json) + "\n");
    }

    private (string Model, string Record) Paths(string fingerprint) => (Path.Combine(StepsDirectory, fingerprint + ".onnx"), Path.Combine(StepsDirectory, fingerprint + ".step.json"));

    private string MeasurementPath(string sha256, string key) => Path.Combine(MeasurementsDirectory, $"{sha256}-{key[..16]}.json");

    private string TrialPath(string id) => Path.Combine(TrialsDirectory, id, "trial.json");

    /// <summary>A trial result with the key it is valid for.</summary>
    /// <param name="Key">Fingerprint of the trial's last step and the evaluation settings.</param>
    /// <param name="Result">The result.</param>
    private sealed record StoredTrial(string Key, TrialResult Result);
}
