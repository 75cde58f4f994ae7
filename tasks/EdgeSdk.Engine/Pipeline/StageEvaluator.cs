// Measures every stage of a plan (the input model and each step's output) with the recipe's evaluation
// settings, caching each measurement by model content and evaluation fingerprint, and writes
// evaluation.json for the gate.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>Evaluates the stages of a pipeline.</summary>
internal static class StageEvaluator
{
    /// <summary>Evaluates when evaluation.json is missing or stale; returns whether it ran.</summary>
    public static bool EnsureEvaluated(Recipe recipe, PipelinePlan plan, PipelineRunOptions options)
    {
        var shas = plan.StageModels.Select(Fingerprint.FileSha256).ToList();
        var key = new Fingerprint().Add("evaluation", plan.EvaluationFingerprint).Add("stages", string.Join("|", shas)).Compute();
        if (EvaluationRecord.TryRead(plan.EvaluationFile)?.Fingerprint == key)
        {
            return false;
        }

        var names = new List<string> { "baseline" };
        names.AddRange(plan.Steps.Select(s => s.Name));
        var cacheDir = Path.Combine(plan.WorkDirectory, "eval-cache");
        IDataSet? data = null;
        var stages = new List<StageMeasurement>();
        string? machine = null;
        for (var i = 0; i < plan.StageModels.Count; i++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var cacheFile = Path.Combine(cacheDir, $"{shas[i]}-{plan.EvaluationFingerprint[..16]}.json");
            var cached = EvaluationRecord.TryRead(cacheFile);
            if (cached is not null)
            {
                stages.Add(cached.Stages[0] with { Name = names[i] });
                machine ??= cached.Machine;
                continue;
            }

            var model = ModelGraph.Load(plan.StageModels[i]);
            if (i == 0)
            {
                // Warnings about the input model were reported when its first step ran.
                Onnx.Checking.ModelPreflight.Require(model.Model, plan.StageModels[0], plan.Steps.Count == 0 ? options.Report : null);
            }

            data ??= recipe.Data.Evaluation is { } spec ? DataSetLoader.Load(spec, model.RealInputs.Select(v => v.Name).ToList()) : null;
            var result = OrtModelRunner.CreateEvaluator().Evaluate(model, data, Settings(recipe, options), options.Progress, options.Cancellation);
            var stage = StageMeasurementFactory.From(names[i], shas[i], new FileInfo(plan.StageModels[i]).Length, result);
            machine = $"{result.Machine.CpuModel} ({string.Join(" ", result.Machine.IsaFlags)})";
            new EvaluationRecord { Fingerprint = key, Stages = [stage], Machine = machine }.Write(cacheFile);
            stages.Add(stage);
        }

        new EvaluationRecord { Fingerprint = key, Stages = stages, Machine = machine }.Write(plan.EvaluationFile);
        return true;
    }

    private static EvaluationSettings Settings(Recipe recipe, PipelineRunOptions options) => new()
    {
        Task = recipe.Evaluate.Task,
        Metrics = recipe.Evaluate.Metrics,
        Warmup = recipe.Evaluate.Latency.Warmup,
        Runs = recipe.Evaluate.Latency.Runs,
        Batch = recipe.Evaluate.Latency.Batch,
        Threads = options.Threads > 0 ? options.Threads : recipe.Evaluate.Latency.Threads,
        DurationSeconds = recipe.Evaluate.Latency.DurationSeconds,
        Target = recipe.Target,
    };
}
