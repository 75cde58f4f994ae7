// Everything a pass may use while it runs: its own copy of the model, its bound options, the recipe's
// data sets, the target profile, progress, cancellation and a diagnostics sink.
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;

namespace EdgeSdk.Passes;

/// <summary>The inputs of one pass run.</summary>
internal sealed class PassContext
{
    /// <summary>Gets the model to transform (the pass's own copy).</summary>
    public required ModelGraph Model { get; init; }

    /// <summary>Gets the pipeline's input model, before any pass (a teacher for distillation, a reference for fidelity).</summary>
    public required ModelGraph BaselineModel { get; init; }

    /// <summary>Gets the pass's bound options (typed: <c>Options.Get&lt;TOptions&gt;()</c>, which <see cref="Pass{TOptions}"/> does); also where each was set.</summary>
    public required BoundPassOptions Options { get; init; }

    /// <summary>Gets the recipe's data sets (each may be null when the recipe lacks it).</summary>
    public required DataSets Data { get; init; }

    /// <summary>Gets the target device profile.</summary>
    public required TargetProfile Target { get; init; }

    /// <summary>Gets the accuracy budgets the final model must meet (accuracy-aware passes read these).</summary>
    public IReadOnlyList<AccuracyGoal> AccuracyGoals { get; init; } = [];

    /// <summary>Gets the folder where the pass may keep resumable state (checkpoints); it survives an interrupted build.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Gets the folder the recipe lives in (relative paths in parameters resolve against it).</summary>
    public required string RecipeDirectory { get; init; }

    /// <summary>Gets the number of threads the pass may use for ONNX Runtime sessions and its own loops.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Gets the batch size the recipe measures latency at (evaluate.latency.batch); passes that time the model on the host use it.</summary>
    public int LatencyBatch { get; init; } = 1;

    /// <summary>Gets the progress sink.</summary>
    public IProgress<ProgressUpdate> Progress { get; init; } = new Progress<ProgressUpdate>();

    /// <summary>Gets the diagnostics sink (warnings and infos; errors are thrown as <see cref="EdgeException"/>).</summary>
    public Action<EdgeDiagnostic> Report { get; init; } = _ => { };

    /// <summary>Gets the cancellation token.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>An accuracy requirement handed to accuracy-aware passes (e.g. quantization fallback).</summary>
/// <param name="Metric">Metric name, e.g. <c>accuracy</c>.</param>
/// <param name="MaxDrop">Largest allowed drop against the baseline, as a fraction (0.005 = 0.5 points), or null.</param>
/// <param name="Relative">True when <paramref name="MaxDrop"/> is relative to the baseline value.</param>
/// <param name="Floor">Lowest allowed value, or null.</param>
internal sealed record AccuracyGoal(string Metric, double? MaxDrop, bool Relative, double? Floor);
