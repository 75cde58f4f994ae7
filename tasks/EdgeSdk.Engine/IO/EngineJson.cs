// The JSON settings of every file the engine writes for itself and its reader (step records, manifest.json):
// indented, camelCase, nulls left out, NaN and infinities allowed. At the IO layer so the pipeline's records
// and the reports' manifest share them without depending on each other.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.IO;

/// <summary>Shared JSON serializer settings.</summary>
internal static class EngineJson
{
    /// <summary>Gets the options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
