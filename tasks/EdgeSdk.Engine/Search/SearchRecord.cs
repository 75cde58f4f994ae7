// search.json: what a search measured and chose. Written after every trial (so an interrupted build
// resumes from it) and read by later builds: when only budgets or the objective changed, the trials in
// it are judged again instead of run again. The manifest carries the same figures.
using EdgeSdk.IO;
using System.Text.Json;
using EdgeSdk.Pipeline;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>The stored state and result of one model's search.</summary>
internal sealed record SearchRecord
{
    /// <summary>Gets the hash of everything that decides which trials run (space, strategy, seed, trial budget, passes, data, evaluation settings, model) — budgets and objective excluded.</summary>
    public required string TrialSetKey { get; init; }

    /// <summary>Gets whether the loop ended (trial count, time budget or space exhausted) rather than being interrupted.</summary>
    public bool Complete { get; init; }

    /// <summary>Gets the strategy used.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the seed.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the number of grid points.</summary>
    public long SpaceSize { get; init; }

    /// <summary>Gets the objective as text (<c>minimize latency_p50</c>).</summary>
    public required string Objective { get; init; }

    /// <summary>Gets the input model's measurements (what accuracy drops are judged against).</summary>
    public required StageMeasurement Baseline { get; init; }

    /// <summary>Gets every trial in proposal order.</summary>
    public required IReadOnlyList<TrialResult> Trials { get; init; }

    /// <summary>Gets the chosen trial's id (the closest one when none meets every budget), or null.</summary>
    public string? Chosen { get; init; }

    /// <summary>Gets whether the chosen trial meets every budget.</summary>
    public bool Feasible { get; init; }

    /// <summary>Gets why the trial was chosen.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Gets the ids of the trials ranked best first (feasible by objective, then the closest).</summary>
    public IReadOnlyList<string> Ranking { get; init; } = [];

    /// <summary>Gets, per trial id, the names of the error budgets it missed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Missed { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Gets the trials run by the build that wrote this record (the others came from the step cache or an earlier search).</summary>
    public int TrialsRun { get; init; }

    /// <summary>Gets the pass steps run by the build that wrote this record.</summary>
    public int StepsRun { get; init; }

    /// <summary>Gets the wall-clock seconds of the build's search.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Gets whether the build only re-judged stored trials (budgets or objective changed).</summary>
    public bool Reselected { get; init; }

    /// <summary>Gets the machine the trials were measured on.</summary>
    public string? Machine { get; init; }

    /// <summary>Gets the path of the record in a model's work folder.</summary>
    public static string PathIn(string workDirectory) => System.IO.Path.Combine(workDirectory, "search", "search.json");

    /// <summary>Reads a record, or null when missing or unreadable.</summary>
    public static SearchRecord? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SearchRecord>(File.ReadAllText(path), StepRecord.Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the record atomically.</summary>
    public void Write(string path) => EdgeSdk.IO.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, StepRecord.Json) + "\n");
}
