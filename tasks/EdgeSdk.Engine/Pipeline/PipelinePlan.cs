// The plan of one model's pipeline: where each step reads and writes, and the fingerprint that decides
// whether a step must run again. Both adapters (MSBuild targets and the CLI) execute the same plan.
using EdgeSdk.IO;

namespace EdgeSdk.Pipeline;

/// <summary>One planned pass run.</summary>
/// <param name="Index">1-based position among the enabled passes.</param>
/// <param name="Kind">The pass's recipe name, e.g. <c>fuse</c>.</param>
/// <param name="Name">The display name for reports.</param>
/// <param name="InputModel">The model the step reads.</param>
/// <param name="OutputModel">The model the step writes.</param>
/// <param name="RecordFile">The JSON record of what the step did.</param>
/// <param name="FingerprintFile">The file holding <paramref name="Fingerprint"/>, rewritten only when it changes.</param>
/// <param name="Fingerprint">Hash of everything the step's output depends on.</param>
/// <param name="RecipeIndex">0-based position of the pass in the recipe's list.</param>
internal sealed record StepPlan(int Index, string Kind, string Name, string InputModel, string OutputModel, string RecordFile, string FingerprintFile, string Fingerprint, int RecipeIndex);

/// <summary>A pass the recipe lists but disables.</summary>
/// <param name="Kind">The pass's recipe name.</param>
/// <param name="Name">The display name.</param>
internal sealed record DisabledPass(string Kind, string Name);

/// <summary>The whole plan for one model.</summary>
internal sealed class PipelinePlan
{
    /// <summary>Gets the name of the model's output folder (the model file name without extension by default).</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the input model's full path.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Gets the input model's sha256 (hex).</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>Gets the recipe's full path.</summary>
    public required string RecipePath { get; init; }

    /// <summary>Gets the folder holding the step outputs and records of this model.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Gets the enabled steps in order.</summary>
    public required IReadOnlyList<StepPlan> Steps { get; init; }

    /// <summary>Gets the passes the recipe disables.</summary>
    public required IReadOnlyList<DisabledPass> Disabled { get; init; }

    /// <summary>Gets the evaluation results file.</summary>
    public string EvaluationFile => Path.Combine(WorkDirectory, "evaluation.json");

    /// <summary>Gets the file holding <see cref="EvaluationFingerprint"/>.</summary>
    public string EvaluationFingerprintFile => Path.Combine(WorkDirectory, "evaluation.fingerprint");

    /// <summary>Gets the hash of everything the evaluation depends on besides the stage models.</summary>
    public required string EvaluationFingerprint { get; init; }

    /// <summary>Gets the batch and threads every step and the evaluation run with (the recipe's, threads overridden by EdgeThreads/--threads); host-timed steps are fingerprinted with it.</summary>
    public required RunTiming Timing { get; init; }

    /// <summary>Gets the folder where the final artifacts are assembled before being copied out.</summary>
    public string ArtifactsDirectory => Path.Combine(WorkDirectory, "artifacts");

    /// <summary>Gets the model the pipeline ends with.</summary>
    public string FinalModel => Steps.Count > 0 ? Steps[^1].OutputModel : ModelPath;

    /// <summary>Gets every model evaluated: the input, then each step's output.</summary>
    public IReadOnlyList<string> StageModels => [ModelPath, .. Steps.Select(s => s.OutputModel)];
}
