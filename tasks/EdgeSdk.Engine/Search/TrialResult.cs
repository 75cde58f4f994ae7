// What one trial produced: the point tried and either the measurement of its final model or the error
// that stopped it. Serialized into search.json, so a later build can re-select without re-running.
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>The outcome of one trial.</summary>
internal sealed record TrialResult
{
    /// <summary>Gets the trial's id (see <see cref="TrialAssignment.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the 1-based order in which the trial was proposed.</summary>
    public int Order { get; init; }

    /// <summary>Gets the value index of each searched parameter (in section order).</summary>
    public required IReadOnlyList<int> Indices { get; init; }

    /// <summary>Gets the option values as text (<c>quantize.calibration</c> → <c>minmax</c>).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>Gets the final model's measurements, or null when the trial failed.</summary>
    public StageMeasurement? Measurement { get; init; }

    /// <summary>Gets the error that stopped the trial (a pass failure), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the wall-clock seconds the trial took when it ran (0 when every step was cached).</summary>
    public double Seconds { get; init; }

    /// <summary>Creates a result for <paramref name="assignment"/>.</summary>
    public static TrialResult For(TrialAssignment assignment, int order, StageMeasurement? measurement, string? error, double seconds) => new()
    {
        Id = assignment.Id,
        Order = order,
        Indices = assignment.Indices,
        Parameters = assignment.Texts,
        Measurement = measurement,
        Error = error,
        Seconds = seconds,
    };
}
