// Everything a pass may use while it runs: its own copy of the model, its bound options, the recipe's
// data sets, the target profile, progress, cancellation and a diagnostics sink.
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
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

    /// <summary>Gets the machine running the pass (its ISA decides, e.g., whether int8 kernels saturate where the build evaluates); tests inject one.</summary>
    public TargetProfile Host { get; init; } = TargetProfile.Host;

    /// <summary>Gets the accuracy budgets the final model must meet (accuracy-aware passes read these).</summary>
    public IReadOnlyList<AccuracyGoal> AccuracyGoals { get; init; } = [];

    /// <summary>Gets how the recipe evaluates models (task, metrics, top-k, binary threshold): accuracy-aware passes compute the metrics their goals name with these settings, as the evaluator does.</summary>
    public EvaluationSettings MetricSettings { get; init; } = new() { MeasureLatency = false };

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

/// <summary>An accuracy requirement handed to accuracy-aware passes (quantization fallback, early stopping), judged in the metric's own direction and units as the gate judges the budget it comes from.</summary>
/// <param name="Metric">Metric name, e.g. <c>accuracy</c> or <c>MeanAbsoluteError</c>.</param>
/// <param name="MaxDrop">Largest allowed worsening against the baseline, in the metric's units (fractions as a fraction: 0.005 = 0.5 points), or null.</param>
/// <param name="Relative">True when <paramref name="MaxDrop"/> is a fraction of the baseline value.</param>
/// <param name="Floor">Lowest allowed value (<c>min</c>, higher-is-better metrics), or null.</param>
/// <param name="Ceiling">Highest allowed value (<c>max</c>, lower-is-better metrics), or null.</param>
internal sealed record AccuracyGoal(string Metric, double? MaxDrop, bool Relative, double? Floor, double? Ceiling = null)
{
    private const double Tolerance = 1e-12;

    // A method-like private property, so the record's text form (part of step fingerprints) holds only the goal.
    private MetricDefinition Definition => MetricDefinition.Of(Metric);

    /// <summary>Returns the worst value the goal allows given the baseline's value: a lowest value for higher-is-better metrics, a highest for lower-is-better ones.</summary>
    public double Limit(double baseline)
    {
        var higher = Definition.HigherIsBetter;
        var limit = higher ? double.NegativeInfinity : double.PositiveInfinity;
        if (Floor is { } floor)
        {
            limit = higher ? Math.Max(limit, floor) : floor;
        }

        if (Ceiling is { } ceiling)
        {
            limit = higher ? ceiling : Math.Min(limit, ceiling);
        }

        if (MaxDrop is { } drop)
        {
            var allowed = Relative ? drop * Math.Abs(baseline) : drop;
            limit = higher ? Math.Max(limit, baseline - allowed) : Math.Min(limit, baseline + allowed);
        }

        return limit;
    }

    /// <summary>Returns whether <paramref name="value"/> meets the goal given the baseline's value (the gate's rule: floors and ceilings on the level, drops as worsening in the metric's direction).</summary>
    public bool IsMet(double baseline, double value)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        if (Floor is { } floor && value < floor - Tolerance)
        {
            return false;
        }

        if (Ceiling is { } ceiling && value > ceiling + Tolerance)
        {
            return false;
        }

        if (MaxDrop is { } drop)
        {
            // The gate's rule (MetricVerdicts): infinite values in the metric's direction, an undefined baseline never met.
            var worse = Relative ? Definition.RelativeWorsening(baseline, value) : Definition.Worsening(baseline, value);
            if (double.IsNaN(worse) || worse > drop + Tolerance)
            {
                return false;
            }
        }

        return true;
    }
}
