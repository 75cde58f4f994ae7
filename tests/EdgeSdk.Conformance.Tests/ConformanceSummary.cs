// The machine-readable result of a conformance run: counts per category and the reason of every case
// that did not pass, sorted by id (no timestamps: the same run gives the same bytes).
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.Conformance.Tests;

/// <summary>Writes and renders the conformance summary.</summary>
internal static class ConformanceSummary
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() }, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the JSON text.</summary>
    public static string ToJson(string root, IReadOnlyList<CaseResult> results, ExpectedFailures expected, IReadOnlyList<string> regressions)
    {
        var summary = new
        {
            root,
            total = results.Count,
            withoutModel = ConformanceCatalog.WithoutModel(),
            counts = Enum.GetValues<CaseStatus>().ToDictionary(s => s.ToString(), s => results.Count(r => r.Status == s)),
            listed = new { ortRefuses = expected.OrtRefuses.Count, ortDeviates = expected.OrtDeviates.Count, toleranceOverrides = expected.ToleranceOverrides.Count },
            regressions,
            cases = results.Where(r => r.Status != CaseStatus.Passed).Select(r => new { id = r.Id, status = r.Status, reason = r.Reason, listedAs = expected.OrtRefuses.ContainsKey(r.Id) ? "ortRefuses" : expected.OrtDeviates.ContainsKey(r.Id) ? "ortDeviates" : null }),
        };
        return JsonSerializer.Serialize(summary, Json) + "\n";
    }
}
