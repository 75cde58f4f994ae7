// Measures every stage of a plan (the input model and each step's output). Metrics and static figures are
// cached per stage model (by content and evaluation fingerprint); fidelity metrics compare each stage with
// the pipeline's input model, so unlabeled evaluation data can be gated. Latency is measured for all stages
// together, interleaved in one process (drift affects them alike), for as long as the recipe's timing
// budgets need for their confidence intervals to clear the limits (bounded by max_duration); that
// measurement is cached as a whole and redone when any stage changes, or on request (remeasure). Sessions
// run on the target profile's execution providers that this host offers; each stage records which ran.
using EdgeSdk.IO;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;
using EdgeSdk.Runtime;

namespace EdgeSdk.Pipeline;

/// <summary>Evaluates the stages of a pipeline.</summary>
internal static class StageEvaluator
{
    /// <summary>The folder (under the pipeline's work folder) of cached measurements; <c>dotnet clean</c> removes it.</summary>
    public const string CacheFolder = "eval-cache";

    /// <summary>Evaluates when evaluation.json is missing or stale (or <see cref="PipelineRunOptions.Remeasure"/> asks); returns whether it ran.</summary>
    public static bool EnsureEvaluated(Recipe recipe, PipelinePlan plan, PipelineRunOptions options)
    {
        var shas = plan.StageModels.Select(Fingerprint.FileSha256).ToList();
        var requested = recipe.Target.ExecutionProviders;
        var evaluationFingerprint = MeasurementFingerprint(plan, recipe);
        var key = RecordKey(evaluationFingerprint, shas);
        if (!options.Remeasure && EvaluationRecord.TryRead(plan.EvaluationFile)?.Fingerprint == key)
        {
            return false;
        }

        var names = new List<string> { "baseline" };
        names.AddRange(plan.Steps.Select(s => s.Name));
        var cacheDir = Path.Combine(plan.WorkDirectory, CacheFolder);
        var settings = Settings(recipe, plan);
        var models = new Dictionary<int, ModelGraph>();
        ModelGraph Model(int i) => models.TryGetValue(i, out var m) ? m : models[i] = ModelGraph.Load(plan.StageModels[i]);
        IDataSet? data = null;
        IDataSet? Data() => data ??= recipe.Data.Evaluation is { } spec ? DataSetLoader.Load(spec, Model(0).RealInputs.Select(v => v.Name).ToList()) : null;
        var needsReference = recipe.Evaluate.Metrics.Any(m => !MetricNames.NeedsLabels(m));

        var stages = new List<StageMeasurement>();
        string? machine = null;
        float[]? referenceOutputs = null;
        for (var i = 0; i < plan.StageModels.Count; i++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var cacheFile = StageCacheFile(plan, shas[i], evaluationFingerprint);
            if (EvaluationRecord.TryRead(cacheFile) is { } cached)
            {
                stages.Add(cached.Stages[0] with { Name = names[i] });
                machine ??= cached.Machine;
                continue;
            }

            var model = Model(i);
            if (i == 0)
            {
                // Warnings about the input model were reported when its first step ran.
                Onnx.Checking.ModelPreflight.Require(model.Model, plan.StageModels[0], plan.Steps.Count == 0 ? options.Report : null);
            }

            var stageSettings = needsReference ? settings with { Reference = i == 0 ? model : Model(0), ReferenceOutputs = i == 0 ? null : referenceOutputs } : settings;
            ProviderSelection? providers = null;
            var result = OrtModelRunner.CreateEvaluator(requested, r => providers ??= r.Providers).Evaluate(model, Data(), stageSettings, options.Progress, options.Cancellation);
            if (i == 0)
            {
                referenceOutputs = result.Outputs;
            }

            var stage = WithProviders(StageMeasurementFactory.From(names[i], shas[i], new FileInfo(plan.StageModels[i]).Length, result), providers);
            machine = Describe(result.Machine);
            new EvaluationRecord { Fingerprint = key, Stages = [stage], Machine = machine }.Write(cacheFile);
            stages.Add(stage);
        }

        var latencyKey = new Fingerprint().Add("evaluation", evaluationFingerprint).Add("stages", string.Join("|", shas)).Add("timing", TimingBudgetText(recipe)).Compute();
        var latencyFile = Path.Combine(cacheDir, $"latency-{latencyKey[..32]}.json");
        var timed = options.Remeasure ? null : EvaluationRecord.TryRead(latencyFile);
        if (timed is null)
        {
            var summaries = MeasureInterleaved(recipe, settings, shas, Model, Data(), options);
            timed = new EvaluationRecord { Fingerprint = latencyKey, Stages = stages.Select((s, i) => s with { Latency = summaries[i] }).ToList(), Machine = Describe(MachineInfo.Current()) };
            timed.Write(latencyFile);
        }

        stages = stages.Select((s, i) => s with { Latency = timed.Stages[i].Latency }).ToList();
        machine = timed.Machine ?? machine;
        new EvaluationRecord { Fingerprint = key, Stages = stages, Machine = machine }.Write(plan.EvaluationFile);
        return true;
    }

    /// <summary>Gets the key evaluation.json is written under: the measurement fingerprint and the stage models it measured.</summary>
    public static string RecordKey(string measurementFingerprint, IEnumerable<string> stageShas) =>
        new Fingerprint().Add("evaluation", measurementFingerprint).Add("stages", string.Join("|", stageShas)).Compute();

    /// <summary>
    /// Returns whether <paramref name="record"/> holds the measurements of <paramref name="plan"/>'s stage models, whose
    /// sha256s are <paramref name="stageShas"/> (baseline first), taken with this recipe's evaluation settings.
    /// </summary>
    public static bool IsFor(EvaluationRecord record, PipelinePlan plan, Recipe recipe, IReadOnlyList<string> stageShas) =>
        record.Stages.Count == stageShas.Count
        && record.Stages.Select(s => s.Sha256).SequenceEqual(stageShas, StringComparer.OrdinalIgnoreCase)
        && record.Fingerprint == RecordKey(MeasurementFingerprint(plan, recipe), record.Stages.Select(s => s.Sha256));

    /// <summary>
    /// Gets the fingerprint stage measurements are cached under: the plan's evaluation fingerprint and the execution
    /// providers this host runs the target on (measurements on other providers are not reused).
    /// </summary>
    public static string MeasurementFingerprint(PipelinePlan plan, Recipe recipe) => new Fingerprint()
        .Add("evaluation", plan.EvaluationFingerprint)
        .Add("providers", string.Join(",", ExecutionProviderSelection.ForHost(recipe.Target.ExecutionProviders).Used))
        .Compute();

    /// <summary>Gets the cache file of the measurements of the stage model with <paramref name="sha256"/>.</summary>
    public static string StageCacheFile(PipelinePlan plan, string sha256, string measurementFingerprint) =>
        Path.Combine(plan.WorkDirectory, CacheFolder, $"{sha256}-{measurementFingerprint[..16]}.json");

    /// <summary>Records on <paramref name="stage"/> the providers its evaluation ran on (the first session's; null: none was created, CPU).</summary>
    public static StageMeasurement WithProviders(StageMeasurement stage, ProviderSelection? providers) => stage with
    {
        ExecutionProviders = (providers ?? ProviderSelection.CpuOnly).Used,
        ProviderFallbacks = providers is { Fallbacks.Count: > 0 } p ? p.Fallbacks : null,
    };

    /// <summary>Formats the machine as the reports and warnings name it: CPU model and inference ISA flags.</summary>
    public static string Describe(MachineInfo machine) => $"{machine.CpuModel} ({string.Join(" ", machine.IsaFlags)})";

    // Times every distinct stage model interleaved; stages with identical files share one measurement.
    private static IReadOnlyList<LatencySummary> MeasureInterleaved(Recipe recipe, EvaluationSettings settings, IReadOnlyList<string> shas, Func<int, ModelGraph> model, IDataSet? data, PipelineRunOptions options)
    {
        var distinct = shas.Distinct(StringComparer.Ordinal).ToList();
        var first = distinct.IndexOf(shas[0]);
        var last = distinct.IndexOf(shas[^1]);
        var timing = recipe.Budgets.Where(b => b.IsTiming).ToList();
        Func<IReadOnlyList<LatencyStatistics>, bool>? settled = timing.Count == 0 ? null : stats =>
        {
            var rounds = stats[first].Runs / InterleavedLatencyRunner.BlockSize(settings);
            return TimingVerdicts.AllDecided(timing, LatencySummary.From(stats[first], rounds), LatencySummary.From(stats[last], rounds), first == last);
        };
        var summaries = TimeTogether(distinct.Count, i => model(shas.ToList().IndexOf(distinct[i])), recipe, settings, data, settled, options);
        return shas.Select(sha => summaries[distinct.IndexOf(sha)]).ToList();
    }

    /// <summary>
    /// Times <paramref name="count"/> models (<paramref name="model"/> loads each) in one interleaved run with the
    /// recipe's providers, on timing batches from <paramref name="data"/>, until <paramref name="settled"/> says so
    /// (null: the requested runs).
    /// </summary>
    public static IReadOnlyList<LatencySummary> TimeTogether(int count, Func<int, ModelGraph> model, Recipe recipe, EvaluationSettings settings, IDataSet? data, Func<IReadOnlyList<LatencyStatistics>, bool>? settled, PipelineRunOptions options)
    {
        var runners = new List<IModelRunner>();
        var runs = new List<IRepeatedRun>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var graph = model(i);
                var runner = OrtModelRunner.Create(graph, settings.Threads, recipe.Target.ExecutionProviders);
                runners.Add(runner);
                runs.Add(runner.PrepareRepeated(DataFeeds.TimingBatch(graph, runner.InputNames, data, settings.Batch)));
            }

            var measured = InterleavedLatencyRunner.Measure(runs, settings, settled, options.Progress, options.Cancellation);
            return measured.Stages.Select(s => LatencySummary.From(s, measured.Rounds, measured.Seconds)).ToList();
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
            runners.ForEach(r => r.Dispose());
        }
    }

    /// <summary>Returns the timing budgets as text, for fingerprints: they decide how long latency is measured.</summary>
    public static string TimingBudgetText(Recipe recipe) => string.Join("|", recipe.Budgets.Where(b => b.IsTiming).Select(b => $"{b.Kind}:{b.Limit}:{b.TimedPercentile}"));

    private static EvaluationSettings Settings(Recipe recipe, PipelinePlan plan) => new()
    {
        Task = recipe.Evaluate.Task,
        Metrics = recipe.Evaluate.Metrics,
        Warmup = recipe.Evaluate.Latency.Warmup,
        Runs = recipe.Evaluate.Latency.Runs,
        Batch = recipe.Evaluate.Latency.Batch,
        Threads = plan.Timing.Threads,
        DurationSeconds = recipe.Evaluate.Latency.DurationSeconds,
        MaxLatencySeconds = recipe.Evaluate.Latency.MaxDurationSeconds,
        Target = recipe.Target,
        MeasureLatency = false,
    };
}
