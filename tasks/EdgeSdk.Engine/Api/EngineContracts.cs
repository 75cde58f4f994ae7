// The public data types of the engine API (EdgeEngine): what a caller asks for and what it gets back.
// They hold paths, names and diagnostics only, so callers (the MSBuild tasks, the CLI) need no engine internals.
namespace EdgeSdk.Api;

/// <summary>What to plan: a recipe applied to one model.</summary>
public sealed record PlanRequest
{
    /// <summary>Gets the recipe file (absolute, or relative to the current folder).</summary>
    public required string RecipePath { get; init; }

    /// <summary>Gets the input model, replacing the recipe's <c>model</c> (an EdgeModel item, <c>edgesdk run --model</c>); null to use the recipe's.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Gets the root folder of work files (<c>obj/…/edge/</c> in MSBuild, the step cache for the CLI).</summary>
    public required string IntermediateDirectory { get; init; }

    /// <summary>Gets the model's output folder name; null for the model file name without extension.</summary>
    public string? OutputName { get; init; }

    /// <summary>Gets the folder of device target profiles.</summary>
    public string TargetsDirectory { get; init; } = string.Empty;

    /// <summary>Gets the folder of stock recipes (for <c>extends</c>).</summary>
    public string StockRecipesDirectory { get; init; } = string.Empty;

    /// <summary>Gets the build properties for <c>${Name}</c> (parse them with <see cref="EdgeEngine.ParseProperties(IEnumerable{string}, string, string?)"/>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}

/// <summary>One planned step.</summary>
/// <param name="Index">1-based position.</param>
/// <param name="Name">Display name.</param>
/// <param name="InputModel">Model it reads.</param>
/// <param name="OutputModel">Model it writes.</param>
/// <param name="FingerprintFile">File whose content changes exactly when the step must run again.</param>
public sealed record PlannedStep(int Index, string Name, string InputModel, string OutputModel, string FingerprintFile);

/// <summary>A planned pipeline, as the later calls need it: they all take <see cref="PlanFile"/>.</summary>
/// <param name="PlanFile">The resolved plan written by <see cref="EdgeEngine.Plan"/> (recipe, steps, fingerprints, digests).</param>
/// <param name="ModelName">The model's output folder name.</param>
/// <param name="Steps">The enabled steps in order.</param>
/// <param name="StageModels">Every model evaluated: the input, then each step's output.</param>
/// <param name="EvaluationFile">Where the evaluation results go.</param>
/// <param name="EvaluationFingerprintFile">File whose content changes exactly when the evaluation must run again.</param>
public sealed record PlannedPipeline(string PlanFile, string ModelName, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<string> StageModels, string EvaluationFile, string EvaluationFingerprintFile)
{
    /// <summary>
    /// Gets every file planning read or probed (the model, the recipe and its <c>extends</c> chain, the target profiles,
    /// the data, files named by pass options, existing or not) and every folder whose listing it depended on; while none of
    /// them changes, planning again gives the same plan, so an adapter may skip it. Null when planning does more than read
    /// files (a recipe with <c>search:</c> measures trials), so it must always run.
    /// </summary>
    public IReadOnlyList<PlanInput>? Inputs { get; init; }

    /// <summary>Gets whether the recipe used any build property (<c>${Name}</c>): when not, the properties' values do not change the plan.</summary>
    public bool UsedProperties { get; init; }
}

/// <summary>A file planning read, or a folder whose listing it depended on.</summary>
/// <param name="Path">The absolute path (a file that may not exist, or a folder).</param>
/// <param name="ListPattern">For a folder: the pattern of the file names that matter (e.g. <c>*.yaml</c>); null for a file.</param>
/// <param name="Recursive">For a folder: whether sub-folders' files count too.</param>
public sealed record PlanInput(string Path, string? ListPattern = null, bool Recursive = false);

/// <summary>The outcome of planning.</summary>
/// <param name="Pipeline">The plan, or null when the recipe has errors.</param>
/// <param name="Diagnostics">Every recipe diagnostic (errors and warnings).</param>
public sealed record PlanResult(PlannedPipeline? Pipeline, IReadOnlyList<EdgeDiagnostic> Diagnostics)
{
    /// <summary>Gets the diagnostics of the recipe alone: what planning the same inputs again reports (not the repairs of damaged work files).</summary>
    public IReadOnlyList<EdgeDiagnostic> RecipeDiagnostics { get; init; } = [];
}

/// <summary>How to run steps and evaluations.</summary>
public sealed record RunSettings
{
    /// <summary>Gets the thread count (0 = the recipe's).</summary>
    public int Threads { get; init; }

    /// <summary>Gets a sink for progress lines (throttled to one every few seconds), or null for none.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Gets a sink for a live display (a terminal's progress bar): updates throttled to ten a second, with counts; when set, it replaces <see cref="Progress"/>.</summary>
    public Action<ProgressReport>? LiveProgress { get; init; }

    /// <summary>Gets the sink for warnings and information a step reports while it runs.</summary>
    public Action<EdgeDiagnostic> Report { get; init; } = _ => { };

    /// <summary>Gets the cancellation token; a cancelled call throws EDGE0004.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Gets whether to time every stage again even when a cached measurement exists.</summary>
    public bool Remeasure { get; init; }

    /// <summary>Gets the open step cache steps restore from and store to, or null for none.</summary>
    public EdgeStepCache? Cache { get; init; }
}

/// <summary>What one step did.</summary>
/// <param name="ModelName">The model's output folder name.</param>
/// <param name="Step">The step.</param>
/// <param name="StepCount">How many steps the plan has.</param>
/// <param name="Summary">One line per thing the pass did, for logs.</param>
/// <param name="Source">Where the output came from: <c>computed</c>, <c>local-cache</c> or <c>remote-cache</c>.</param>
public sealed record StepOutcome(string ModelName, PlannedStep Step, int StepCount, IReadOnlyList<string> Summary, string Source);

/// <summary>A file to publish to the model's output folder.</summary>
/// <param name="Path">Full path in the work folder.</param>
/// <param name="Kind"><c>model</c> or <c>report</c>.</param>
public sealed record PublishedArtifact(string Path, string Kind);

/// <summary>The outcome of finishing a pipeline (budgets judged, artifacts assembled).</summary>
/// <param name="ModelName">The model's output folder name.</param>
/// <param name="Passed">Whether every error budget was met.</param>
/// <param name="Publish">The artifacts to copy to the output folder: all of them, or only the reports when a budget failed (the last good model stays).</param>
/// <param name="IntermediateFiles">Every work file the pipeline wrote (for cleaning).</param>
/// <param name="Diagnostics">Budget diagnostics, located in the recipe.</param>
/// <param name="Summary">One line for logs: verdict, headline metric (the first of evaluate.metrics), latency, size and where the report is.</param>
public sealed record FinishOutcome(string ModelName, bool Passed, IReadOnlyList<PublishedArtifact> Publish, IReadOnlyList<string> IntermediateFiles, IReadOnlyList<EdgeDiagnostic> Diagnostics, string Summary);

/// <summary>One model of a project, for <see cref="EdgeEngine.CheckOutputNames"/>.</summary>
/// <param name="Item">The item as the user wrote it, for messages.</param>
/// <param name="ModelPath">The model's full path.</param>
/// <param name="OutputName">The item's <c>OutputName</c> metadata, or null for the model file name.</param>
public sealed record ModelOutputRequest(string Item, string ModelPath, string? OutputName);

/// <summary>A model that must not be planned, with why.</summary>
/// <param name="Index">Its position in the list given to <see cref="EdgeEngine.CheckOutputNames"/>.</param>
/// <param name="Error">The located error (EDGE0032 clash, EDGE0033 invalid name).</param>
public sealed record OutputNameProblem(int Index, EdgeDiagnostic Error);

/// <summary>What publishing one model's artifacts did.</summary>
/// <param name="Files">Every file of the published folder (full paths).</param>
/// <param name="Changed">False when the folder already held exactly these artifacts and was left untouched.</param>
public sealed record PublishOutcome(IReadOnlyList<string> Files, bool Changed);
