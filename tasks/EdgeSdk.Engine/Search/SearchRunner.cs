// Runs a recipe's search on the build host: each trial is the recipe with some pass options set, planned
// and run as ordinary fingerprinted steps (shared through the trial store), its final model measured with
// the recipe's evaluation settings; the budgets filter the trials and the objective picks one. A build
// interrupted mid-search resumes from the stored steps and trials; a build that changes only budgets or
// the objective judges the stored trials again without running anything.
using EdgeSdk.IO;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Search;

/// <summary>What a search did.</summary>
/// <param name="Recipe">The recipe with the chosen trial's values applied.</param>
/// <param name="Record">The stored record (trials, selection).</param>
/// <param name="StepsRun">Pass steps this call ran.</param>
/// <param name="TrialsMeasured">Models this call measured.</param>
internal sealed record SearchRunResult(Recipe Recipe, SearchRecord Record, int StepsRun, int TrialsMeasured);

/// <summary>Runs searches.</summary>
internal static class SearchRunner
{
    /// <summary>Runs (or resumes, or re-selects) the search of <paramref name="recipe"/> and returns the chosen recipe.</summary>
    /// <param name="recipe">A recipe with a <c>search</c> section.</param>
    /// <param name="modelPath">The input model.</param>
    /// <param name="intermediateDirectory">The root of the work folders (the model's folder is planned inside it).</param>
    /// <param name="outputName">The model's folder name (null: the model file name).</param>
    /// <param name="options">Threads, progress, diagnostics sink, cancellation.</param>
    public static SearchRunResult Run(Recipe recipe, string modelPath, string intermediateDirectory, string? outputName, PipelineRunOptions options)
    {
        var spec = recipe.Search ?? throw new InvalidOperationException("The recipe has no search section.");
        var basePlan = PipelinePlanner.Plan(recipe, modelPath, intermediateDirectory, outputName, options.Threads);
        var store = new TrialStore(Path.Combine(basePlan.WorkDirectory, "search"));
        var recordPath = SearchRecord.PathIn(basePlan.WorkDirectory);
        var key = TrialSetKey(spec, basePlan);
        var evaluationKey = EvaluationKey(recipe, options);
        var watch = Stopwatch.StartNew();
        var counters = new Counters();
        var measurer = new Measurer(recipe, options, store, evaluationKey, counters);
        var baseline = measurer.Measure(basePlan.ModelPath, "baseline");
        var space = new SearchSpace(spec.Parameters);
        var previous = SearchRecord.TryRead(recordPath);
        var reselect = previous is { Complete: true } && previous.TrialSetKey == key;

        IReadOnlyList<TrialResult> trials;
        if (reselect)
        {
            trials = previous!.Trials;
        }
        else
        {
            var done = new List<TrialResult>();
            var finalModels = new Dictionary<string, string>(StringComparer.Ordinal);
            trials = SearchLoop.Run(
                spec,
                (assignment, order) =>
                {
                    var result = RunTrial(recipe, assignment, order, modelPath, store, measurer, evaluationKey, options, counters, finalModels);
                    done.Add(result);
                    Record(spec, key, false, baseline, done, recipe, measurer.Machine, counters, watch, false).Write(recordPath);
                    return result;
                },
                results => Losses(results, baseline, recipe, spec.Objective),
                cancellation: options.Cancellation);

            // Trials were timed minutes apart; rank them on one interleaved measurement of them all.
            if (spec.Objective.Quantity is ObjectiveQuantity.LatencyP50 or ObjectiveQuantity.LatencyP90 || recipe.Budgets.Any(b => b.IsTiming))
            {
                (trials, baseline) = FinalistTiming.Retime(trials, baseline, basePlan.ModelPath, finalModels, recipe, measurer.Settings(), measurer.Data, options);
            }
        }

        var record = Record(spec, key, true, baseline, trials, recipe, measurer.Machine ?? previous?.Machine, counters, watch, reselect);
        record.Write(recordPath);
        var chosen = trials.FirstOrDefault(t => t.Id == record.Chosen);
        if (chosen is null)
        {
            throw new EdgeException([TrialSelector.NoFeasibleTrial(TrialSelector.Select(trials, baseline, recipe.Budgets, recipe.Target, spec.Objective), spec.Location)]);
        }

        options.Report(new EdgeDiagnostic(DiagnosticCatalog.Search.SearchSummary, DiagnosticSeverity.Info,
            $"search: {trials.Count} trial(s) ({spec.EffectiveStrategy.ToString().ToLowerInvariant()}, seed {spec.Seed}); {(reselect ? "re-selected among stored trials" : $"{counters.Trials} run, {trials.Count - counters.Trials} from the cache")}; chosen {chosen.Id} ({Describe(chosen)}): {record.Reason}", spec.Location));
        return new SearchRunResult(TrialRecipe.Apply(recipe, new TrialAssignment(spec.Parameters, chosen.Indices)), record, counters.Steps, counters.Measured);
    }

    /// <summary>Applies the stored choice of an earlier <see cref="Run"/> (later MSBuild tasks rebuild the plan without searching).</summary>
    public static Recipe ApplyStoredChoice(Recipe recipe, string workDirectory)
    {
        if (recipe.Search is not { } spec)
        {
            return recipe;
        }

        var record = SearchRecord.TryRead(SearchRecord.PathIn(workDirectory));
        var chosen = record?.Trials.FirstOrDefault(t => t.Id == record.Chosen);
        if (chosen is null || chosen.Indices.Count != spec.Parameters.Count || chosen.Indices.Select((v, i) => v < spec.Parameters[i].Values.Count).Any(ok => !ok))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.PipelineStateMissing, $"The search result '{SearchRecord.PathIn(workDirectory)}' is missing or belongs to another search section; the planning step did not run. Rebuild.", spec.Location);
        }

        return TrialRecipe.Apply(recipe, new TrialAssignment(spec.Parameters, chosen.Indices));
    }

    /// <summary>Copies the chosen trial's stored steps and measurements into the build's plan (call after writing its fingerprints), so nothing runs twice.</summary>
    public static int Prefill(Recipe recipe, PipelinePlan plan, PipelineRunOptions options)
    {
        var root = Path.Combine(plan.WorkDirectory, "search");
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var store = new TrialStore(root);
        var restored = 0;
        foreach (var step in plan.Steps)
        {
            if (!TrialStore.IsCurrent(step) && store.TryRestore(step))
            {
                restored++;
            }
        }

        // The measurements the selection was based on become the build's, so the gate judges what the search judged.
        var evaluationKey = EvaluationKey(recipe, options);
        var measurementFingerprint = StageEvaluator.MeasurementFingerprint(plan, recipe);
        foreach (var stage in plan.StageModels.Where(File.Exists))
        {
            var sha = Fingerprint.FileSha256(stage);
            var target = StageEvaluator.StageCacheFile(plan, sha, measurementFingerprint);
            if (!File.Exists(target) && store.Measurement(sha, evaluationKey) is { } measured)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                measured.Write(target);
            }
        }

        return restored;
    }

    private static TrialResult RunTrial(Recipe recipe, TrialAssignment assignment, int order, string modelPath, TrialStore store, Measurer measurer, string evaluationKey, PipelineRunOptions options, Counters counters, Dictionary<string, string> finalModels)
    {
        var trialRecipe = TrialRecipe.Apply(recipe, assignment);
        var plan = PipelinePlanner.Plan(trialRecipe, modelPath, store.TrialsDirectory, assignment.Id, options.Threads);
        finalModels[assignment.Id] = plan.FinalModel;
        var trialKey = new Fingerprint().Add("final", plan.Steps.Count > 0 ? plan.Steps[^1].Fingerprint : plan.ModelSha256).Add("evaluation", evaluationKey).Compute();
        if (store.Trial(assignment.Id, trialKey) is { } cached)
        {
            return cached with { Order = order };
        }

        options.Progress?.Report(new EdgeSdk.Diagnostics.ProgressUpdate("search", order - 1, recipe.Search!.TrialLimit, $"trial {assignment.Id}: {assignment}"));
        var watch = Stopwatch.StartNew();
        TrialResult result;
        try
        {
            foreach (var step in plan.Steps)
            {
                if (TrialStore.IsCurrent(step) || store.TryRestore(step))
                {
                    continue;
                }

                var record = StepRunner.Run(trialRecipe, plan, step, options with { Report = d => { } });
                if (record.Source == Caching.CacheSource.Computed)
                {
                    counters.Steps++;
                }

                store.Save(step);
            }

            counters.Trials++;
            result = TrialResult.For(assignment, order, measurer.Measure(plan.FinalModel, assignment.Id), null, Math.Round(watch.Elapsed.TotalSeconds, 3));
        }
        catch (EdgeException ex)
        {
            counters.Trials++;
            var message = string.Join(" ", ex.Diagnostics.Select(d => d.Code + ": " + d.Message));
            options.Report(new EdgeDiagnostic(DiagnosticCatalog.Search.TrialFailed, DiagnosticSeverity.Info, $"search: trial {assignment.Id} ({assignment}) failed: {message}", recipe.Search!.Location));
            result = TrialResult.For(assignment, order, null, message, Math.Round(watch.Elapsed.TotalSeconds, 3));
        }

        store.SaveTrial(assignment.Id, trialKey, result);
        return result;
    }

    private static IReadOnlyList<double> Losses(IReadOnlyList<TrialResult> results, StageMeasurement baseline, Recipe recipe, SearchObjective objective)
    {
        var ranked = TrialSelector.Rank(results.Select(r => TrialSelector.Judge(r, baseline, recipe.Budgets, recipe.Target, objective)), objective);
        var position = ranked.Select((j, i) => (j.Trial.Order, i)).ToDictionary(x => x.Order, x => (double)x.i);
        return results.Select(r => position[r.Order]).ToList();
    }

    private static SearchRecord Record(SearchSpec spec, string key, bool complete, StageMeasurement baseline, IReadOnlyList<TrialResult> trials, Recipe recipe, string? machine, Counters counters, Stopwatch watch, bool reselected)
    {
        var selection = TrialSelector.Select(trials, baseline, recipe.Budgets, recipe.Target, spec.Objective);
        return new SearchRecord
        {
            TrialSetKey = key,
            Complete = complete,
            Strategy = spec.EffectiveStrategy.ToString().ToLowerInvariant(),
            Seed = spec.Seed,
            SpaceSize = spec.GridSize,
            Objective = spec.Objective.Text,
            Baseline = baseline,
            Trials = trials,
            Chosen = selection.Chosen?.Trial.Id,
            Feasible = selection.Feasible,
            Reason = selection.Reason,
            Ranking = selection.Ranked.Select(j => j.Trial.Id).ToList(),
            Missed = selection.Ranked.ToDictionary(j => j.Trial.Id, j => (IReadOnlyList<string>)j.Missed.Select(m => m.Name).ToList()),
            TrialsRun = counters.Trials,
            StepsRun = counters.Steps,
            WallSeconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
            Reselected = reselected,
            Machine = machine,
        };
    }

    private static string Describe(TrialResult trial) => string.Join(", ", trial.Parameters.Select(p => p.Key + "=" + p.Value));

    /// <summary>Hashes what decides which trials run and what they produce; budgets (except through accuracy-aware passes) and the objective stay out.</summary>
    private static string TrialSetKey(SearchSpec spec, PipelinePlan basePlan) => new Fingerprint()
        .Add("space", string.Join("|", spec.Parameters.Select(p => p.Key + "=" + string.Join(",", p.Values.Select(TrialAssignment.ValueText)))))
        .Add("strategy", spec.EffectiveStrategy.ToString())
        .Add("seed", spec.Seed.ToString(CultureInfo.InvariantCulture))
        .Add("trials", spec.TrialLimit.ToString(CultureInfo.InvariantCulture))
        .Add("time", spec.MaxSeconds?.ToString("R", CultureInfo.InvariantCulture))
        .Add("model", basePlan.ModelSha256)
        .Add("steps", string.Join("|", basePlan.Steps.Select(s => s.Fingerprint)))
        .Add("disabled", string.Join("|", basePlan.Disabled.Select(d => d.Name)))
        .Add("evaluation", basePlan.EvaluationFingerprint)
        .Compute();

    private static string EvaluationKey(Recipe recipe, PipelineRunOptions options)
    {
        var fp = new Fingerprint()
            .Add("evaluate", JsonSerializer.Serialize(recipe.Evaluate))
            .Add("threads", RunTiming.Resolve(recipe, options.Threads).FingerprintText)
            .Add("target", JsonSerializer.Serialize(recipe.Target))
            .Add("providers", string.Join(",", Runtime.ExecutionProviderSelection.ForHost(recipe.Target.ExecutionProviders).Used))
            .Add("engine", Fingerprint.EngineVersion);
        if (recipe.Data.Evaluation is { } data)
        {
            fp.Add("data", DataSetSpecFiles.CanonicalText(data));
            foreach (var file in DataSetSpecFiles.Files(data))
            {
                fp.AddFile(file, file);
            }
        }

        return fp.Compute();
    }

    /// <summary>Counts what one search call did.</summary>
    private sealed class Counters
    {
        public int Steps { get; set; }

        public int Trials { get; set; }

        public int Measured { get; set; }
    }

    /// <summary>Measures models with the recipe's evaluation settings, through the store.</summary>
    private sealed class Measurer(Recipe recipe, PipelineRunOptions options, TrialStore store, string evaluationKey, Counters counters)
    {
        private readonly Dictionary<string, IDataSet> _data = new(StringComparer.Ordinal);

        public string? Machine { get; private set; }

        public StageMeasurement Measure(string modelPath, string name)
        {
            var sha = Fingerprint.FileSha256(modelPath);
            if (store.Measurement(sha, evaluationKey) is { } cached)
            {
                Machine ??= cached.Machine;
                return cached.Stages[0] with { Name = name };
            }

            options.Cancellation.ThrowIfCancellationRequested();
            var model = ModelGraph.Load(modelPath);
            var data = Data(model);
            Runtime.ProviderSelection? providers = null;
            var result = OrtModelRunner.CreateEvaluator(recipe.Target.ExecutionProviders, r => providers ??= r.Providers).Evaluate(model, data, Settings(), options.Progress, options.Cancellation);
            var stage = StageEvaluator.WithProviders(StageMeasurementFactory.From(name, sha, new FileInfo(modelPath).Length, result), providers);
            Machine = $"{result.Machine.CpuModel} ({string.Join(" ", result.Machine.IsaFlags)})";
            store.SaveMeasurement(sha, evaluationKey, stage, Machine);
            counters.Measured++;
            return stage;
        }

        /// <summary>Returns the evaluation set for <paramref name="model"/>'s inputs, loaded once per set of input names.</summary>
        public IDataSet? Data(ModelGraph model)
        {
            if (recipe.Data.Evaluation is not { } spec)
            {
                return null;
            }

            var inputs = model.RealInputs.Select(v => v.Name).ToList();
            var dataKey = string.Join("|", inputs);
            if (!_data.TryGetValue(dataKey, out var data))
            {
                data = DataSetLoader.Load(spec, inputs);
                _data[dataKey] = data;
            }

            return data;
        }

        public EvaluationSettings Settings() => new()
        {
            Task = recipe.Evaluate.Task,
            Metrics = recipe.Evaluate.Metrics,
            Warmup = recipe.Evaluate.Latency.Warmup,
            Runs = recipe.Evaluate.Latency.Runs,
            Batch = recipe.Evaluate.Latency.Batch,
            Threads = RunTiming.Resolve(recipe, options.Threads).Threads,
            DurationSeconds = recipe.Evaluate.Latency.DurationSeconds,
            Target = recipe.Target,
        };
    }
}
