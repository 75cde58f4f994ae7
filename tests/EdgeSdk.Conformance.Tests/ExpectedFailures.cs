// The committed list of backend cases that may fail, each with its reason: cases ONNX Runtime 1.31 itself
// refuses (cannot load or run), cases where ORT runs but its documented result differs from the ONNX 1.12
// reference, and cases compared with a looser absolute tolerance. Everything else must pass, and a listed
// case that starts passing must be removed.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.Conformance.Tests;

/// <summary>A looser absolute tolerance for one case.</summary>
/// <param name="Atol">The absolute tolerance.</param>
/// <param name="Reason">Why the default 1e-7 cannot hold.</param>
public sealed record ToleranceOverride([property: JsonPropertyName("atol")] double Atol, [property: JsonPropertyName("reason")] string Reason);

/// <summary>A case ORT refuses: why, and a fragment of ORT's own error that must appear.</summary>
/// <param name="Reason">The explanation.</param>
/// <param name="OrtMessage">Text that ORT's error message contains.</param>
public sealed record OrtRefusal([property: JsonPropertyName("reason")] string Reason, [property: JsonPropertyName("ortMessage")] string OrtMessage);

/// <summary>The contents of <c>expected-failures.json</c>.</summary>
public sealed record ExpectedFailures
{
    /// <summary>The file name, next to the test assembly (copied from the project folder).</summary>
    public const string FileName = "expected-failures.json";

    /// <summary>Gets the cases ORT cannot load or run, with the reason.</summary>
    [JsonPropertyName("ortRefuses")]
    public Dictionary<string, OrtRefusal> OrtRefuses { get; init; } = [];

    /// <summary>Gets the cases ORT runs with a result that differs from the reference, with the reason.</summary>
    [JsonPropertyName("ortDeviates")]
    public Dictionary<string, string> OrtDeviates { get; init; } = [];

    /// <summary>Gets per-case absolute tolerances.</summary>
    [JsonPropertyName("toleranceOverrides")]
    public Dictionary<string, ToleranceOverride> ToleranceOverrides { get; init; } = [];

    /// <summary>Gets every listed failure (refusals and deviations).</summary>
    public IEnumerable<KeyValuePair<string, string>> Failures => OrtRefuses.Select(p => KeyValuePair.Create(p.Key, p.Value.Reason)).Concat(OrtDeviates);

    /// <summary>Loads the list.</summary>
    public static ExpectedFailures Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, FileName));
        return JsonSerializer.Deserialize<ExpectedFailures>(stream) ?? new ExpectedFailures();
    }

    /// <summary>Gets the absolute tolerance for a case.</summary>
    public double AbsoluteTolerance(string id) => ToleranceOverrides.TryGetValue(id, out var o) ? o.Atol : ValueComparer.AbsoluteTolerance;

    /// <summary>Checks <paramref name="result"/> against the list; returns the problem, or null when it is as expected.</summary>
    public string? Problem(CaseResult result)
    {
        var refused = OrtRefuses.TryGetValue(result.Id, out var refusal);
        var deviates = OrtDeviates.ContainsKey(result.Id);
        return result.Status switch
        {
            CaseStatus.Passed when refused || deviates => $"{result.Id}: passes now; remove it from {FileName}",
            CaseStatus.Passed => null,
            _ when refused && result.IsOrtRefusal && result.Reason!.Contains(refusal!.OrtMessage, StringComparison.Ordinal) => null,
            _ when refused && result.IsOrtRefusal => $"{result.Id}: ORT refuses it for another reason than listed ('{refusal!.OrtMessage}'): {result.Reason}",
            CaseStatus.Mismatch when deviates => null,
            _ when refused || deviates => $"{result.Id}: listed as {(refused ? "ortRefuses" : "ortDeviates")}, but ends {result.Status}: {result.Reason}",
            _ => $"{result.Id}: {result.Status}: {result.Reason}",
        };
    }
}
