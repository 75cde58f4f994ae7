// manifest.json: the machine-readable record of a pipeline run — inputs and artifacts with hashes,
// passes with status and time, baseline and final measurements, and every budget's verdict.
// `edgesdk diff` compares two of these.
using System.Text.Json;
using EdgeSdk.IO;

namespace EdgeSdk.Reports;

/// <summary>A file the run read or wrote.</summary>
/// <param name="Role">For inputs: <c>model</c>, <c>recipe</c>, <c>data</c>. For artifacts: <c>model</c>, <c>report</c>, <c>manifest</c>.</param>
/// <param name="Path">Path relative to the recipe's folder (inputs) or the output folder (artifacts).</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Content hash.</param>
internal sealed record ManifestFile(string Role, string Path, long Bytes, string Sha256);

/// <summary>One pass in the manifest.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Pass kind.</param>
/// <param name="Status"><c>ran</c>, <c>disabled</c>.</param>
/// <param name="Seconds">Seconds the pass took when it last ran.</param>
/// <param name="Summary">What the pass did.</param>
/// <param name="Figures">Named figures.</param>
internal sealed record ManifestPass(string Name, string Kind, string Status, double Seconds, IReadOnlyList<string> Summary, IReadOnlyDictionary<string, double> Figures)
{
    /// <summary>Gets where the step's output came from: <c>computed</c>, <c>local-cache</c> or <c>remote-cache</c> (null for disabled passes).</summary>
    public string? Source { get; init; }

    /// <summary>Gets the pass's named text facts (null when it has none), e.g. <c>host_latency_cpu</c> and <c>host_latency_isa</c>: where a host-measured decision was made.</summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }
}

/// <summary>Where a budget is written in the recipe.</summary>
/// <param name="File">Recipe path.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal sealed record ManifestLocation(string File, int Line, int Column);

/// <summary>One budget's verdict.</summary>
internal sealed record BudgetOutcome
{
    /// <summary>The verdict of a met budget.</summary>
    public const string Met = "met";

    /// <summary>The verdict of a missed budget.</summary>
    public const string Missed = "missed";

    /// <summary>The verdict of a timing budget the measurements could not decide within the measuring time.</summary>
    public const string Inconclusive = "inconclusive";

    /// <summary>Gets the budget's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the budget kind (e.g. <c>AccuracyDropAbsolute</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the metric judged.</summary>
    public required string Metric { get; init; }

    /// <summary>Gets the limit in <see cref="Unit"/>.</summary>
    public double Limit { get; init; }

    /// <summary>Gets the measured value in <see cref="Unit"/>.</summary>
    public double? Actual { get; init; }

    /// <summary>Gets the unit of <see cref="Limit"/> and <see cref="Actual"/>.</summary>
    public required string Unit { get; init; }

    /// <summary>Gets whether the budget is met.</summary>
    public bool Passed { get; init; }

    /// <summary>Gets the verdict: <see cref="Met"/>, <see cref="Missed"/> or <see cref="Inconclusive"/> (a timing budget whose confidence interval still straddles the limit).</summary>
    public string Verdict { get; init; } = Met;

    /// <summary>Gets the 95 % confidence interval of <see cref="Actual"/> for timing budgets, or null.</summary>
    public Evaluation.ConfidenceInterval? Interval { get; init; }

    /// <summary>Gets <c>error</c> or <c>warning</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>Gets the limit as the recipe wrote it.</summary>
    public required string Text { get; init; }

    /// <summary>Gets a one-line explanation of the verdict.</summary>
    public required string Explanation { get; init; }

    /// <summary>Gets what to try after a miss (where the input model stood, which passes to change), or null.</summary>
    public string? Advice { get; init; }

    /// <summary>Gets where the budget is written.</summary>
    public ManifestLocation? Location { get; init; }
}

/// <summary>The manifest of one model's pipeline run.</summary>
internal sealed record Manifest
{
    /// <summary>Gets the manifest format version.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>Gets the EdgeSdk engine version.</summary>
    public required string EdgeSdk { get; init; }

    /// <summary>Gets the model's name (output folder).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the recipe's target profile name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the input files with hashes.</summary>
    public required IReadOnlyList<ManifestFile> Inputs { get; init; }

    /// <summary>Gets the artifacts with sizes and hashes (the manifest itself excluded).</summary>
    public required IReadOnlyList<ManifestFile> Artifacts { get; init; }

    /// <summary>Gets the passes in recipe order.</summary>
    public required IReadOnlyList<ManifestPass> Passes { get; init; }

    /// <summary>Gets the recipe's <c>evaluate.metrics</c> in order (the first is the headline metric); empty in older manifests.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Gets every stage's measurements (baseline first).</summary>
    public required IReadOnlyList<StageMeasurement> Stages { get; init; }

    /// <summary>Gets the input model's measurements.</summary>
    public StageMeasurement Baseline => Stages[0];

    /// <summary>Gets the final model's measurements.</summary>
    public StageMeasurement Final => Stages[^1];

    /// <summary>Gets every budget's verdict.</summary>
    public required IReadOnlyList<BudgetOutcome> Budgets { get; init; }

    /// <summary>Gets the search, when the recipe has one.</summary>
    public ManifestSearch? Search { get; init; }

    /// <summary>Gets whether every error-severity budget passed.</summary>
    public bool Passed => Budgets.All(b => b.Passed || b.Severity != "error");

    /// <summary>Serializes the manifest (stable key order, indented).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options) + "\n";

    /// <summary>Reads a manifest.</summary>
    public static Manifest Read(string path) => JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), EngineJson.Options)
        ?? throw new Diagnostics.EdgeException(DiagnosticCatalog.Evaluation.ManifestUnreadable, $"'{path}' is not an EdgeSdk manifest.", new Diagnostics.SourceLocation(path));
}
