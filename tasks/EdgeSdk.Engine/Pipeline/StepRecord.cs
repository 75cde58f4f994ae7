// The JSON record a step leaves beside its output model: what ran, how long it took and what the pass
// reported. The gate reads these to build the manifest and report even when MSBuild skipped the step.
using EdgeSdk.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeSdk.Passes;

namespace EdgeSdk.Pipeline;

/// <summary>What one step did.</summary>
internal sealed record StepRecord
{
    /// <summary>Gets the 1-based step index.</summary>
    public int Index { get; init; }

    /// <summary>Gets the pass's recipe name.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the fingerprint the output was produced for.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the sha256 of the output model as written (null in records of older engines); a build whose output no longer has it recomputes the step.</summary>
    public string? OutputSha256 { get; init; }

    /// <summary>Gets the status: <c>ran</c>.</summary>
    public string Status { get; init; } = "ran";

    /// <summary>Gets where the output came from: <c>computed</c>, <c>local-cache</c> or <c>remote-cache</c> (see <see cref="Caching.CacheSource"/>).</summary>
    public string Source { get; init; } = Caching.CacheSource.Computed;

    /// <summary>Gets the wall-clock seconds the pass took (when it was computed, for a cached result).</summary>
    public double Seconds { get; init; }

    /// <summary>Gets the pass's summary lines.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    /// <summary>Gets the pass's named figures.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new SortedDictionary<string, double>();

    /// <summary>Gets the pass's named text facts (null when it has none), e.g. the CPU and ISA of a host-measured decision.</summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }

    /// <summary>Gets the pass's report tables.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>Gets the pass's warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets every warning diagnostic the step reported (codes and locations), shown again when a build skips the step.</summary>
    public IReadOnlyList<StepDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Gets the serializer options used for every pipeline JSON file (stable, indented, camelCase).</summary>
    internal static JsonSerializerOptions Json => EngineJson.Options;

    /// <summary>Reads a record, or null when the file is missing or unreadable.</summary>
    public static StepRecord? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<StepRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the record atomically.</summary>
    public void Write(string path) => EdgeSdk.IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}
