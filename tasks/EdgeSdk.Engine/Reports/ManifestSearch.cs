// The search part of manifest.json: how the search ran, which trial it chose and why, and every trial
// with its option values, figures and the budgets it missed.
namespace EdgeSdk.Reports;

/// <summary>One trial in the manifest.</summary>
internal sealed record ManifestTrial
{
    /// <summary>Gets the trial id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the 1-based proposal order.</summary>
    public int Order { get; init; }

    /// <summary>Gets the option values (<c>quantize.calibration</c> → <c>minmax</c>).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Gets <c>chosen</c>, <c>feasible</c>, <c>infeasible</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the 1-based rank (1 = best).</summary>
    public int Rank { get; init; }

    /// <summary>Gets the error budgets missed.</summary>
    public IReadOnlyList<string> Missed { get; init; } = [];

    /// <summary>Gets the metrics of the trial's model.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new SortedDictionary<string, double>();

    /// <summary>Gets the p50 latency in ms.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>Gets the p90 latency in ms.</summary>
    public double? LatencyP90Ms { get; init; }

    /// <summary>Gets the model file size.</summary>
    public long? Bytes { get; init; }

    /// <summary>Gets the peak memory.</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>Gets the MACs per sample.</summary>
    public long? Macs { get; init; }

    /// <summary>Gets the seconds the trial took when it ran.</summary>
    public double Seconds { get; init; }

    /// <summary>Gets the error of a failed trial.</summary>
    public string? Error { get; init; }
}

/// <summary>The search in the manifest.</summary>
internal sealed record ManifestSearch
{
    /// <summary>Gets the strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the seed.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the grid size.</summary>
    public long SpaceSize { get; init; }

    /// <summary>Gets the objective.</summary>
    public required string Objective { get; init; }

    /// <summary>Gets the chosen trial's id.</summary>
    public string? Chosen { get; init; }

    /// <summary>Gets whether the chosen trial meets every budget.</summary>
    public bool Feasible { get; init; }

    /// <summary>Gets why it was chosen.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the trials run by the build that searched.</summary>
    public int TrialsRun { get; init; }

    /// <summary>Gets the pass steps run by the build that searched.</summary>
    public int StepsRun { get; init; }

    /// <summary>Gets the wall-clock seconds of that build's search.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Gets whether that build only re-judged stored trials.</summary>
    public bool Reselected { get; init; }

    /// <summary>Gets the machine the trials were measured on.</summary>
    public string? Machine { get; init; }

    /// <summary>Gets every trial in proposal order.</summary>
    public required IReadOnlyList<ManifestTrial> Trials { get; init; }

    /// <summary>Gets the chosen trial, if any.</summary>
    public ManifestTrial? ChosenTrial => Trials.FirstOrDefault(t => t.Id == Chosen);
}
