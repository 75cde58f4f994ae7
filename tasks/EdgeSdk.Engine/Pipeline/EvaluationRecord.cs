// evaluation.json: the measurements of every stage, written by the evaluation step and read by the gate.
using EdgeSdk.IO;
using System.Text.Json;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>The stored measurements of a pipeline's stages.</summary>
internal sealed record EvaluationRecord
{
    /// <summary>Gets the evaluation fingerprint the measurements were taken for.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the stages, baseline first.</summary>
    public required IReadOnlyList<StageMeasurement> Stages { get; init; }

    /// <summary>Gets the machine the latency was measured on (CPU model and flags).</summary>
    public string? Machine { get; init; }

    /// <summary>Reads the record, or null when missing or unreadable.</summary>
    public static EvaluationRecord? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EvaluationRecord>(File.ReadAllText(path), StepRecord.Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the record atomically.</summary>
    public void Write(string path) => EdgeSdk.IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, StepRecord.Json) + "\n");
}
