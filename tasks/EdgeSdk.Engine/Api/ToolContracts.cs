// The public data types of the engine API's tool calls (the `edgesdk` commands beyond the build): what
// validate, run, targets, providers, diff and progress hand back. Immutable records of names, numbers, text
// and diagnostics, so the CLI needs no engine internals.
namespace EdgeSdk.Api;

/// <summary>What to validate: one recipe, with the folders and properties it may refer to.</summary>
public sealed record ValidationRequest
{
    /// <summary>Gets the recipe file (as the user gave it; messages name it so).</summary>
    public required string RecipePath { get; init; }

    /// <summary>Gets the folder of device target profiles.</summary>
    public string TargetsDirectory { get; init; } = string.Empty;

    /// <summary>Gets the folder of stock recipes (for <c>extends</c>).</summary>
    public string StockRecipesDirectory { get; init; } = string.Empty;

    /// <summary>Gets the build properties for <c>${Name}</c> (parse them with <see cref="EdgeEngine.ParseProperties(IEnumerable{string}, string, string?)"/>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether the recipe is a base meant to be extended (a stock recipe): the checks only a complete recipe must pass are skipped.</summary>
    public bool IsBase { get; init; }
}

/// <summary>The outcome of validating one recipe.</summary>
/// <param name="Valid">Whether the recipe has no errors.</param>
/// <param name="Diagnostics">Every diagnostic, errors and warnings, in recipe order.</param>
/// <param name="PassCount">How many passes the valid recipe lists (0 when invalid).</param>
/// <param name="BudgetCount">How many budgets the valid recipe sets (0 when invalid).</param>
/// <param name="TargetName">The valid recipe's target profile, or null when invalid.</param>
public sealed record RecipeValidation(bool Valid, IReadOnlyList<EdgeDiagnostic> Diagnostics, int PassCount, int BudgetCount, string? TargetName);

/// <summary>The outcome of running a whole planned pipeline outside MSBuild (<see cref="EdgeEngine.RunPipeline"/>).</summary>
/// <param name="Finish">Budgets judged and artifacts assembled.</param>
/// <param name="StepsRun">The 1-based indices of the steps that ran (the others were up to date).</param>
/// <param name="Evaluated">Whether the evaluation ran (false when the recorded one was current).</param>
/// <param name="OutputDirectory">The folder the whole set was published to: the model's output folder, or after a missed budget the work folder's <c>failed/</c>.</param>
/// <param name="Sources">Where each step's output came from.</param>
public sealed record PipelineOutcome(FinishOutcome Finish, IReadOnlyList<int> StepsRun, bool Evaluated, string OutputDirectory, StepSources Sources);

/// <summary>How many step outputs were computed and how many came from a cache (steps without a record count nowhere).</summary>
/// <param name="Computed">Steps whose pass ran.</param>
/// <param name="LocalCache">Steps restored from the machine-wide cache.</param>
/// <param name="RemoteCache">Steps restored from the remote cache.</param>
public sealed record StepSources(int Computed, int LocalCache, int RemoteCache);

/// <summary>A progress update for a live display (<see cref="RunSettings.LiveProgress"/>).</summary>
/// <param name="Text">The update as one log line (the same text <see cref="RunSettings.Progress"/> receives).</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all, or 0 when unknown.</param>
public sealed record ProgressReport(string Text, long Done, long Total);

/// <summary>One device profile in a listing.</summary>
/// <param name="Name">The name recipes use in <c>target:</c>.</param>
/// <param name="Description">One line saying what device it is.</param>
public sealed record TargetSummary(string Name, string Description);

/// <summary>The device profiles of a folder (valid ones, by name, then <c>host</c>), and the problems found in the others.</summary>
/// <param name="Targets">The profiles.</param>
/// <param name="Diagnostics">Problems in profile files (those profiles are left out).</param>
public sealed record TargetListing(IReadOnlyList<TargetSummary> Targets, IReadOnlyList<EdgeDiagnostic> Diagnostics);

/// <summary>The ONNX Runtime the engine loads.</summary>
/// <param name="Version">The native library's version.</param>
/// <param name="PackageVersion">The version of the <c>Microsoft.ML.OnnxRuntime</c> package the engine was built with.</param>
/// <param name="Rid">The host's runtime identifier (e.g. <c>linux-x64</c>), or null for an unsupported host.</param>
/// <param name="LibraryPath">The loaded library's path, or null when the .NET host resolved it.</param>
/// <param name="Providers">The execution providers the library offers.</param>
public sealed record RuntimeDescription(string Version, string PackageVersion, string? Rid, string? LibraryPath, IReadOnlyList<string> Providers);

/// <summary>Two runs compared (<see cref="EdgeEngine.CompareRuns"/>).</summary>
/// <param name="Markdown">The changes as a Markdown table, for a pull-request comment.</param>
/// <param name="Regressions">One error per change worse than its threshold.</param>
public sealed record RunComparison(string Markdown, IReadOnlyList<EdgeDiagnostic> Regressions);

/// <summary>The machine-wide step cache's contents.</summary>
/// <param name="Directory">The cache folder.</param>
/// <param name="Entries">Cached steps.</param>
/// <param name="Blobs">Stored files.</param>
/// <param name="Bytes">Total size.</param>
/// <param name="OldestUse">When the least recently used entry was last used, or null when empty.</param>
/// <param name="NewestUse">When the most recently used entry was last used, or null when empty.</param>
public sealed record CacheStatistics(string Directory, int Entries, int Blobs, long Bytes, DateTime? OldestUse, DateTime? NewestUse);

/// <summary>What pruning the machine-wide step cache removed.</summary>
/// <param name="RemovedFiles">Files removed.</param>
/// <param name="RemovedBytes">Bytes freed.</param>
/// <param name="After">The cache afterwards.</param>
public sealed record CachePruneOutcome(int RemovedFiles, long RemovedBytes, CacheStatistics After);
